// Reads an MBSchema.xml text into a SchemaTable. The generator runs it on the committed schema; a user's
// own schema (servers can extend it) goes through the same function. Pure: no files.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FlagRow, KeyTypeRow, PropertyRow, SchemaTable } from './table';

/** The Collection that defines every property; key types refer to its properties by name. */
const PROPERTY_CLASS = 'IIsConfigObject';
/** Collections that are base classes, not key types. */
const BASE_CLASSES = new Set(['MetabaseBaseClass', PROPERTY_CLASS]);

/** An element as fast-xml-parser returns it: attributes by name, child elements as arrays. */
type XmlNode = Record<string, unknown>;

export class SchemaError extends Error {}

export function parseSchema(text: string): SchemaTable {
  const body = text.replace(/^\uFEFF/, '');
  // MBSchema.xml has no DOCTYPE; refusing one means a user's schema can never expand entities.
  if (/<!DOCTYPE/i.test(body)) throw new SchemaError('MBSchema.xml: a DOCTYPE is not allowed in a metabase schema');
  if (body.trim() === '') throw new SchemaError('MBSchema.xml is empty');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    // Without a column (no root element: "Start tag expected."), fast-xml-parser's line means nothing.
    const where = valid.err.col === undefined ? '' : ` (line ${valid.err.line}, column ${valid.err.col})`;
    throw new SchemaError(`MBSchema.xml is not well-formed XML: ${valid.err.msg}${where}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, htmlEntities: false,
    isArray: (name) => name === 'Collection' || name === 'Property' || name === 'Flag' || name === 'DatabaseMeta',
  });
  const parsed = parser.parse(body) as { MetaData?: XmlNode };
  const metaData = parsed.MetaData;
  const database = children(metaData, 'DatabaseMeta').find((d) => d.InternalName === 'METABASE');
  const collections = children(database, 'Collection');
  const base = collections.find((c) => c.InternalName === PROPERTY_CLASS);
  if (!base) throw new SchemaError(`MBSchema.xml has no <Collection InternalName="${PROPERTY_CLASS}"> in <DatabaseMeta InternalName="METABASE">`);

  const properties = children(base, 'Property').map(propertyRow);
  const idByName = new Map<string, number>();
  const ids = new Set<number>();
  for (const [name, id] of properties) {
    if (idByName.has(name) || ids.has(id)) throw new SchemaError(`MBSchema.xml: ${idByName.has(name) ? `the property ${name}` : `the ID ${id}`} is defined twice`);
    idByName.set(name, id);
    ids.add(id);
  }
  const keyTypes = collections.filter((c) => !BASE_CLASSES.has(required(c, 'InternalName'))).map((c): KeyTypeRow => [
    required(c, 'InternalName'),
    words(optional(c, 'MetaFlags')).includes('HIDDEN'),
    (optional(c, 'ContainerClassList') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    children(c, 'Property').map((p) => {
      const from = required(p, 'InheritsPropertiesFrom');
      const [, name] = from.split(':');
      const id = idByName.get(name);
      if (!from.startsWith(`${PROPERTY_CLASS}:`) || id === undefined) {
        throw new SchemaError(`MBSchema.xml: ${required(c, 'InternalName')} inherits ${from}, which ${PROPERTY_CLASS} does not define`);
      }
      return id;
    }),
  ]);
  return { properties, keyTypes };
}

function propertyRow(p: XmlNode): PropertyRow {
  const start = optional(p, 'StartingNumber') === undefined ? 0 : number(p, 'StartingNumber');
  const end = optional(p, 'EndingNumber') === undefined ? 0 : number(p, 'EndingNumber');
  // 0 is "no bound" (IIS's own schema writes StartingNumber="1" with no EndingNumber); an inverted range
  // would make every value wrong, so the schema is refused rather than half used.
  if (start && end && start > end) {
    throw new SchemaError(`MBSchema.xml: ${required(p, 'InternalName')} has StartingNumber="${start}" above its EndingNumber="${end}"`);
  }
  return [
    required(p, 'InternalName'), number(p, 'ID'), required(p, 'Type'), optional(p, 'UserType') ?? '',
    optional(p, 'Attributes') ?? '', optional(p, 'MetaFlags') ?? '', optional(p, 'DefaultValue') ?? null,
    start, end,
    children(p, 'Flag').map((f): FlagRow => [required(f, 'InternalName'), number(f, 'Value'), number(f, 'ID')]),
  ];
}

function children(element: XmlNode | undefined, name: string): XmlNode[] {
  const list = element?.[name];
  return Array.isArray(list) ? list.filter((e): e is XmlNode => typeof e === 'object' && e !== null) : [];
}

function optional(element: XmlNode, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

function required(element: XmlNode, name: string): string {
  const value = optional(element, name)?.trim();
  if (!value) {
    const which = optional(element, 'InternalName');
    throw new SchemaError(`MBSchema.xml: an element${which ? ` (${which})` : ''} has no ${name}`);
  }
  return value;
}

function number(element: XmlNode, name: string): number {
  const text = required(element, name);
  if (!/^\d+$/.test(text)) throw new SchemaError(`MBSchema.xml: ${optional(element, 'InternalName') ?? 'an element'} has ${name}="${text}", not a number`);
  return Number(text);
}

/** "INHERIT | SECURE" → ["INHERIT", "SECURE"]. */
export function words(list: string | undefined): string[] {
  return (list ?? '').split('|').map((s) => s.trim()).filter((s) => s !== '');
}
