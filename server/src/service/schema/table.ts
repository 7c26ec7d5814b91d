// The compact, serialisable form of an MBSchema.xml: what parseSchema returns and what
// facts.generated.ts holds. Rows are tuples so that the table that ships in the bundles stays small.

/** A flag of a flag-set DWORD: [name, value, ID]. */
export type FlagRow = [name: string, value: number, id: number];

/**
 * A property of IIsConfigObject: [name, ID, type, user type, attributes, MetaFlags, default (null when the
 * schema gives none), StartingNumber, EndingNumber (0 when the schema gives none or 0), flags].
 * Attributes and MetaFlags are kept as the schema writes them, e.g. "INHERIT | SECURE".
 */
export type PropertyRow = [
  name: string, id: number, type: string, userType: string, attributes: string, metaFlags: string,
  defaultValue: string | null, startingNumber: number, endingNumber: number, flags: FlagRow[],
];

/** A key type (a Collection other than the two base classes): [name, HIDDEN, child key types, property IDs]. */
export type KeyTypeRow = [name: string, hidden: boolean, children: string[], properties: number[]];

export interface SchemaTable {
  properties: PropertyRow[];
  keyTypes: KeyTypeRow[];
}
