// Hovers from the schema facts on a key's start tag: its element name or Location (the key type, its
// parent key in the file, the key types it may contain), any property attribute (name or value), and any
// attribute of a <Custom> child (the property of its ID). ScriptMaps has its own hover.

import { LOCATION, SCRIPT_MAPS, attributeValue, findAttribute } from '../model/key';
import { allowedChildren, childrenInWords } from '../rules/keys/hierarchy';
import { DWORD_MAX, isDefault } from '../rules/properties/dword';
import { isEncrypted } from '../rules/properties/secure';
import { FlagFact, PropertyFact, SchemaFacts, UNTYPED_KEY, iisSchemaFacts } from '../schema';
import { Attribute, Element } from '../xml/tree';
import { code } from './describe';
import { clip } from '../quote';

const OUT_OF_DWORD = `above ${DWORD_MAX}, the largest number a DWORD holds: IIS cannot store it`;

export interface PropertyTopic {
  markdown: string;
  start: number;
  end: number;
}

/** Where a key sits: the first key of the nearest ancestor Location in the file (null when there is none). */
export interface ParentKey {
  type: string;
  location: string;
}

export function propertyTopic(
  text: string, key: Element, offset: number, facts: SchemaFacts = iisSchemaFacts(), parent?: ParentKey | null,
): PropertyTopic | undefined {
  if (offset > key.start && offset <= key.nameEnd) {
    return { markdown: describeKey(key.name, facts, parent), start: key.start + 1, end: key.nameEnd };
  }
  const custom = key.children.find((c) => c.name === 'Custom' && offset > c.start && offset < c.end);
  if (custom) return customTopic(text, key.name, custom, offset, facts);
  const attribute = attributeAt(key, offset);
  if (attribute?.name === LOCATION) return topic(attribute, offset, describeKey(key.name, facts, parent));
  if (!attribute || attribute.name === SCRIPT_MAPS) return undefined;
  return topic(attribute, offset, describeAttribute(attribute.name, attributeValue(text, attribute), key.name, facts));
}

function attributeAt(element: Element, offset: number): Attribute | undefined {
  const attribute = element.attributes.find((a) => offset >= a.nameStart && offset <= a.valueEnd);
  // The = and the quotes between name and value have no hover.
  return attribute && (offset <= attribute.nameEnd || offset >= attribute.valueStart) ? attribute : undefined;
}

function topic(attribute: Attribute, offset: number, markdown: string): PropertyTopic {
  return offset <= attribute.nameEnd
    ? { markdown, start: attribute.nameStart, end: attribute.nameEnd }
    : { markdown, start: attribute.valueStart, end: attribute.valueEnd };
}

/**
 * Any attribute of a <Custom> child: the schema's property of its ID, with its Value decoded. A ScriptMaps
 * Custom (ID 6014) keeps the ScriptMaps hover.
 */
function customTopic(text: string, keyType: string, element: Element, offset: number, facts: SchemaFacts): PropertyTopic | undefined {
  const attribute = attributeAt(element, offset);
  const id = findAttribute(element, 'ID');
  if (!attribute || !id) return undefined;
  const idText = attributeValue(text, id).trim();
  const value = findAttribute(element, 'Value');
  const property = /^\d+$/.test(idText) ? facts.propertyById(Number(idText)) : undefined;
  if (property?.name === SCRIPT_MAPS) return undefined;
  const markdown = property
    ? [summary(property), placement(property, keyType, facts, true), ...valueLines(property, value ? attributeValue(text, value) : '', true)].join('\n\n')
    : `**Custom property** ID ${code(idText)}: not a property of the metabase schema (MBSchema.xml); IIS keeps it by its ID, with the Type the element gives.`;
  return topic(attribute, offset, markdown);
}

export function describeKeyType(name: string, facts: SchemaFacts): string {
  if (name === UNTYPED_KEY) return `**${name}**: an untyped key; the schema lets it hold any of its ${facts.properties.length} properties.`;
  const keyType = facts.keyType(name);
  if (!keyType) return `**${clip(name)}**: not a key type of the metabase schema (MBSchema.xml).`;
  const allowed = allowedChildren(name, facts);
  const children = allowed ? `May contain ${childrenInWords(allowed)}.` : 'Its child keys are not checked (a hidden class).';
  return `**${name}** key type${keyType.hidden ? ' (hidden in the schema)' : ''}: may hold ${keyType.properties.size} properties. ${children}`;
}

/** The key type, then its parent key when the document's index was asked (undefined: not known). */
function describeKey(name: string, facts: SchemaFacts, parent: ParentKey | null | undefined): string {
  if (parent === undefined) return describeKeyType(name, facts);
  const where = parent ? `Parent key: **${clip(parent.type)}** ${code(parent.location)}.` : 'Parent key: none in this file.';
  return `${describeKeyType(name, facts)}\n\n${where}`;
}

export function describeAttribute(name: string, value: string, keyType: string, facts: SchemaFacts): string {
  const property = facts.property(name);
  if (!property) {
    const other = facts.propertyIgnoringCase(name);
    return `**${clip(name)}**: not a property of the metabase schema (MBSchema.xml)${other ? `; names are case-sensitive: the schema has **${other.name}**` : ''}.`;
  }
  return [summary(property), placement(property, keyType, facts), ...valueLines(property, value)].join('\n\n');
}

export function summary(p: PropertyFact): string {
  const id = p.constant ? `${p.constant}, ID ${p.id}` : `ID ${p.id}`;
  const kind = p.flags.length ? `${p.type} flag set` : p.type;
  const traits = [
    kind, p.inherit ? 'inheritable' : 'not inherited', ...(p.secure ? ['secure'] : []),
    ...(p.userType ? [`user type ${p.userType}`] : []), defaultText(p), ...rangeText(p),
  ];
  return `**${p.name}** (${id}): ${traits.join(', ')}.`;
}

function defaultText(p: PropertyFact): string {
  if (p.default === undefined) return 'no default';
  return p.default === '' ? 'default empty' : `default ${code(p.default)}`;
}

function rangeText(p: PropertyFact): string[] {
  if (p.min !== undefined && p.max !== undefined) return [`range ${p.min} to ${p.max}`];
  if (p.min !== undefined) return [`at least ${p.min}`];
  return p.max !== undefined ? [`at most ${p.max}`] : [];
}

/**
 * Where the property may be set, and whether here, as the rules judge it: property-not-allowed on an
 * attribute; a <Custom> is how IIS stores a property that the key type's class does not list (no warning);
 * a key type the schema does not define is not judged (key-type-unknown says so).
 */
function placement(p: PropertyFact, keyType: string, facts: SchemaFacts, custom = false): string {
  const where = `May be set on ${list([...p.keyTypes, 'untyped keys'])}.`;
  if (facts.allows(keyType, p.name)) return custom ? `${where} Stored here by its ID, in a \`<Custom>\` child.` : where;
  if (!facts.keyType(keyType)) return where;
  return custom
    ? `${where} The ${keyType} class does not list it: IIS keeps it here as a \`<Custom>\` child, by its ID (no warning).`
    : `${where} **The schema does not allow it on ${keyType} keys.**`;
}

function valueLines(p: PropertyFact, value: string, custom = false): string[] {
  if (p.secure) {
    return [isEncrypted(value)
      ? "Encrypted with this server's key; copied to another server it fails to decrypt."
      : "**Not encrypted**: IIS stores it encrypted with this server's key (hex digits); this value is plain text that anyone who reads the file can read."];
  }
  if (p.flags.length) return flagLines(p, value);
  if (p.type === 'BOOL') {
    const upper = value.trim().toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return [`Value: **${upper}**.`];
    // IIS stores a BOOL as a DWORD: in a <Custom>, a number.
    if (custom && /^\d+$/.test(value)) return [`Value: ${value}, stored as a DWORD: **${/^0+$/.test(value) ? 'FALSE' : 'TRUE'}**.`];
    return [`Value ${code(value)}: neither TRUE nor FALSE.`];
  }
  if (p.type === 'DWORD') {
    if (!/^\d+$/.test(value)) return [`Value ${code(value)}: not a decimal number.`];
    const n = Number(value);
    if (n > DWORD_MAX) return [`Value ${code(value)}: ${OUT_OF_DWORD}.`];
    const outside = (p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max);
    if (!outside) return [`Value: ${n}.`];
    const range = `the schema's range ${p.min ?? 0} to ${p.max ?? DWORD_MAX}`;
    return [isDefault(n, p) ? `Value: ${n}, the default, which IIS writes though ${range} leaves it out.` : `Value: ${n}, outside ${range}.`];
  }
  return [];
}

/** A flag set as IIS writes it (names joined by `|`) or as a number; each flag of the property checked or not. */
function flagLines(p: PropertyFact, value: string): string[] {
  const set = new Set<FlagFact>();
  const unknown: string[] = [];
  const tooLarge: string[] = [];
  let rest = 0;
  for (const token of value.split('|').map((t) => t.trim()).filter((t) => t !== '')) {
    const flag = p.flags.find((f) => f.name === token);
    if (flag) set.add(flag);
    else if (/^\d+$/.test(token) && Number(token) > DWORD_MAX) tooLarge.push(token);
    else if (/^\d+$/.test(token)) {
      let n = Number(token);
      for (const f of p.flags) if (Math.floor(n / f.value) % 2 === 1) { set.add(f); n -= f.value; }
      rest = (rest | n) >>> 0; // two numbers may set the same bits
    } else unknown.push(token);
  }
  const total = ([...set].reduce((n, f) => n | f.value, 0) | rest) >>> 0;
  const sorted = [...p.flags].sort((a, b) => a.value - b.value);
  return [
    `Value ${code(value)}${unknown.length || tooLarge.length ? '' : ` = ${total}`}:`,
    [
      ...sorted.map((f) => `- ${set.has(f) ? '☑' : '☐'} **${f.value}** \`${f.name}\``),
      ...(rest ? [`- ⚠ **${rest}**: bits that are no flag of ${p.name}`] : []),
      ...unknown.map((t) => `- ⚠ ${code(t)}: not a flag of ${p.name}`),
      ...tooLarge.map((t) => `- ⚠ ${code(t)}: ${OUT_OF_DWORD}`),
    ].join('\n'),
  ];
}

function list(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}

