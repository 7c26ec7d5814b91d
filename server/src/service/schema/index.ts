// Facts of the IIS 6 metabase schema: every property (ID, type, inheritance, default, range, flags) and
// every key type (the properties it may hold, the key types it may contain). Pure: built from the
// generated table of IIS's own MBSchema.xml, or from a user's MBSchema.xml text by the same parser.
//
// Names are matched exactly: MetaBase.xml is XML, whose attribute and element names are case-sensitive,
// and IIS writes each name as the schema spells it. `propertyIgnoringCase` is for suggestions only.

import { SCHEMA_TABLE } from './facts.generated';
import { parseSchema, words } from './parse';
import { SchemaTable } from './table';

export { SchemaError, parseSchema } from './parse';
export type { SchemaTable } from './table';

/** The key type of an element with no schema class: IIS lets it hold any property. */
export const UNTYPED_KEY = 'IIsConfigObject';

export interface FlagFact {
  name: string;
  value: number;
  id: number;
}

export interface PropertyFact {
  name: string;
  id: number;
  /** DWORD, STRING, BOOL, MULTISZ, BINARY, EXPANDSZ, IPSECLIST, NTACL or MIMEMAP. */
  type: string;
  userType: string;
  /** INHERIT, SECURE, VOLATILE, REFERENCE (NO_ATTRIBUTES is left out). */
  attributes: readonly string[];
  /** CASEINSENSITIVE, PRIMARYKEY. */
  metaFlags: readonly string[];
  inherit: boolean;
  secure: boolean;
  default?: string;
  /** StartingNumber and EndingNumber where the schema gives a non-zero one. */
  min?: number;
  max?: number;
  /** The flag names of a flag-set DWORD, in schema order; empty otherwise. */
  flags: readonly FlagFact[];
  /** The MD_ constant of iiscnfg.h, where a source names it. */
  constant?: string;
  /** The key types that may hold it, in schema order (untyped keys aside). */
  keyTypes: readonly string[];
}

export interface KeyTypeFact {
  name: string;
  hidden: boolean;
  /** ContainerClassList: the key types it may contain. */
  children: readonly string[];
  properties: ReadonlySet<string>;
}

export interface SchemaFacts {
  readonly properties: readonly PropertyFact[];
  readonly keyTypes: readonly KeyTypeFact[];
  property(name: string): PropertyFact | undefined;
  propertyById(id: number): PropertyFact | undefined;
  propertyIgnoringCase(name: string): PropertyFact | undefined;
  keyType(name: string): KeyTypeFact | undefined;
  /** Whether a key of this type may hold the property (an untyped key may hold any). */
  allows(keyType: string, property: string): boolean;
}

/**
 * MD_ constants of iiscnfg.h by property ID, only those a source in this project names
 * (metabase.md: "ScriptMaps (MD_SCRIPT_MAPS)", ID 6014).
 */
const CONSTANTS: ReadonlyMap<number, string> = new Map([[6014, 'MD_SCRIPT_MAPS']]);

export function buildFacts(table: SchemaTable): SchemaFacts {
  const holders = new Map<number, string[]>();
  for (const [name, , , ids] of table.keyTypes) {
    for (const id of ids) {
      const list = holders.get(id);
      if (list) list.push(name);
      else holders.set(id, [name]);
    }
  }
  const properties = table.properties.map(([name, id, type, userType, attributes, metaFlags, defaultValue, min, max, flags]): PropertyFact => {
    const list = words(attributes).filter((a) => a !== 'NO_ATTRIBUTES');
    const fact: PropertyFact = {
      name, id, type, userType, attributes: list, metaFlags: words(metaFlags),
      inherit: list.includes('INHERIT'), secure: list.includes('SECURE'),
      flags: flags.map(([flag, value, flagId]) => ({ name: flag, value, id: flagId })),
      keyTypes: holders.get(id) ?? [],
    };
    if (defaultValue !== null) fact.default = defaultValue;
    if (min) fact.min = min;
    if (max) fact.max = max;
    const constant = CONSTANTS.get(id);
    if (constant) fact.constant = constant;
    return fact;
  });
  const byName = new Map(properties.map((p) => [p.name, p]));
  const byId = new Map(properties.map((p) => [p.id, p]));
  const byLowerName = new Map(properties.map((p) => [p.name.toLowerCase(), p]));
  const keyTypes = table.keyTypes.map(([name, hidden, children, ids]): KeyTypeFact => (
    { name, hidden, children, properties: new Set(ids.map((id) => byId.get(id)!.name)) }));
  const keyTypesByName = new Map(keyTypes.map((k) => [k.name, k]));
  return {
    properties, keyTypes,
    property: (name) => byName.get(name),
    propertyById: (id) => byId.get(id),
    propertyIgnoringCase: (name) => byLowerName.get(name.toLowerCase()),
    keyType: (name) => keyTypesByName.get(name),
    allows: (keyType, property) => keyType === UNTYPED_KEY
      ? byName.has(property)
      : keyTypesByName.get(keyType)?.properties.has(property) ?? false,
  };
}

/** Facts from a user's MBSchema.xml text; throws SchemaError with a readable message on a bad schema. */
export function factsFromSchema(text: string): SchemaFacts {
  return buildFacts(parseSchema(text));
}

let iisSchema: SchemaFacts | undefined;

/** The facts of IIS 6's own MBSchema.xml, built on first use. */
export function iisSchemaFacts(): SchemaFacts {
  return (iisSchema ??= buildFacts(SCHEMA_TABLE));
}
