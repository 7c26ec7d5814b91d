// An oracle for fixes that shares nothing with the service's parser: saxes (a conforming XML parser)
// says whether the text is well-formed and what every attribute decodes to; MULTISZ items are cut here
// from the raw attribute text, on literal line breaks and on character references that decode to one
// (attribute-value normalisation turns literal line breaks into spaces, so saxes alone cannot tell
// items apart). Each fix is then judged on what it did to the decoded values.

import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';

/** A MULTISZ item: its decoded text (without indentation) and the raw offsets it covers. */
export interface OracleItem {
  text: string;
  rawStart: number;
  rawEnd: number;
  /** rawOf[i]: the raw offset of decoded character i (entities included). */
  rawOf: number[];
}

export interface OracleAttribute {
  element: string;
  name: string;
  /** As saxes decodes it. */
  value: string;
  /** A ScriptMaps list: the ScriptMaps attribute, or the Value of a <Custom ID="6014">. */
  list: boolean;
  /** The Value of a <Custom Type="MULTISZ">: a list (ScriptMaps or another, such as HttpErrors). */
  multisz: boolean;
}

/** MD_SCRIPT_MAPS: the <Custom> elements with this ID hold a ScriptMaps list in their Value. */
const SCRIPT_MAPS_ID = '6014';

/** Whether attribute `name` of a start tag (raw attribute text `rawAttributes`) holds a ScriptMaps list. */
function isListAttribute(element: string, name: string, rawAttributes: string): boolean {
  if (name === 'ScriptMaps') return true;
  return element === 'Custom' && name === 'Value' && rawAttribute(rawAttributes, 'ID') === SCRIPT_MAPS_ID;
}

/** Whether it is the Value of a <Custom Type="MULTISZ">. */
function isMultiszAttribute(element: string, name: string, rawAttributes: string): boolean {
  return element === 'Custom' && name === 'Value' && rawAttribute(rawAttributes, 'Type') === 'MULTISZ';
}

/** An attribute of raw attribute text, decoded and trimmed. */
function rawAttribute(rawAttributes: string, name: string): string | undefined {
  const a = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(rawAttributes);
  return a ? decode(a[1] ?? a[2], 0).text.trim() : undefined;
}

export interface OracleDocument {
  attributes: OracleAttribute[];
  /** The items of every ScriptMaps attribute and ScriptMaps <Custom> Value, in document order. */
  lists: OracleItem[][];
  /** The items of the other <Custom Type="MULTISZ"> Values, in document order. */
  others: OracleItem[][];
}

/** Parses `text` with saxes; throws when it is not well-formed. */
export function oracleParse(text: string): OracleDocument {
  const attributes: OracleAttribute[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (error) => { throw error; });
  parser.on('opentag', (tag) => {
    const scriptMapsCustom = tag.name === 'Custom' && tag.attributes.ID?.trim() === SCRIPT_MAPS_ID;
    const multiszCustom = tag.name === 'Custom' && tag.attributes.Type?.trim() === 'MULTISZ';
    for (const [name, value] of Object.entries(tag.attributes)) {
      const list = name === 'ScriptMaps' || (scriptMapsCustom && name === 'Value');
      attributes.push({ element: tag.name, name, value, list, multisz: list || (multiszCustom && name === 'Value') });
    }
  });
  parser.write(text).close();
  return { attributes, ...rawLists(text, attributes) };
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes raw attribute text, keeping the raw offset of each decoded character. */
function decode(raw: string, base: number): { text: string; rawOf: number[] } {
  let text = '';
  const rawOf: number[] = [];
  const re = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/y;
  for (let i = 0; i < raw.length;) {
    re.lastIndex = i;
    const m = raw[i] === '&' ? re.exec(raw) : null;
    if (m) {
      const body = m[1];
      const ch = body.startsWith('#x') ? String.fromCodePoint(parseInt(body.slice(2), 16))
        : body.startsWith('#') ? String.fromCodePoint(parseInt(body.slice(1), 10)) : PREDEFINED[body];
      for (let k = 0; k < ch.length; k++) rawOf.push(base + i);
      text += ch;
      i += m[0].length;
    } else {
      // A literal TAB is a space once the value is normalised (XML 1.0, 3.3.3); literal line breaks are kept:
      // they separate items.
      rawOf.push(base + i);
      text += raw[i] === '\t' ? ' ' : raw[i];
      i++;
    }
  }
  rawOf.push(base + raw.length);
  return { text, rawOf };
}

/**
 * The raw values of ScriptMaps attributes and of the Value of a <Custom ID="6014">, found with a regular
 * expression over the raw text and cross-checked against saxes' decoded value.
 */
function rawLists(text: string, attributes: OracleAttribute[]): { lists: OracleItem[][]; others: OracleItem[][] } {
  const lists: OracleItem[][] = [];
  const others: OracleItem[][] = [];
  const expected = attributes.filter((a) => a.multisz);
  const tags = /<(\w+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  let found = 0;
  for (let tag = tags.exec(text); tag; tag = tags.exec(text)) {
    const attrs = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
    const tagStart = tag.index + 1 + tag[1].length;
    for (let a = attrs.exec(tag[2]); a; a = attrs.exec(tag[2])) {
      const list = isListAttribute(tag[1], a[1], tag[2]);
      if (!list && !isMultiszAttribute(tag[1], a[1], tag[2])) continue;
      const raw = a[3] ?? a[4];
      const rawStart = tagStart + a.index + a[0].length - raw.length - 1;
      const { text: decoded, rawOf } = decode(raw, rawStart);
      // What saxes reports is the same text with literal TAB, CR, LF (and CRLF) normalised to spaces.
      const normalised = normaliseLiteral(decoded, rawOf, text);
      assert.equal(normalised, expected[found]?.value, 'oracle: the raw value found agrees with saxes');
      found++;
      (list ? lists : others).push(splitItems(decoded, rawOf));
    }
  }
  assert.equal(found, expected.length, 'oracle: every list attribute saxes saw was found in the raw text');
  return { lists, others };
}

function normaliseLiteral(decoded: string, rawOf: number[], text: string): string {
  let out = '';
  for (let i = 0; i < decoded.length; i++) {
    const literal = text[rawOf[i]] === decoded[i] && text[rawOf[i]] !== '&';
    const c = decoded[i];
    if (literal && c === '\r' && decoded[i + 1] === '\n' && text[rawOf[i + 1]] === '\n') continue; // CRLF is one space
    out += literal && (c === '\n' || c === '\r') ? ' ' : c;
  }
  return out;
}

/** Items: lines of the decoded value (CR, LF, CRLF, whatever wrote them), without their indentation. */
function splitItems(decoded: string, rawOf: number[]): OracleItem[] {
  const items: OracleItem[] = [];
  let start = 0;
  for (let i = 0; i <= decoded.length; i++) {
    const c = decoded[i];
    if (i < decoded.length && c !== '\n' && c !== '\r') continue;
    let s = start;
    while (s < i && (decoded[s] === ' ' || decoded[s] === '\t')) s++;
    items.push({ text: decoded.slice(s, i), rawStart: rawOf[start], rawEnd: rawOf[i], rawOf: rawOf.slice(s, i + 1) });
    if (c === '\r' && decoded[i + 1] === '\n') i++;
    start = i + 1;
  }
  return items;
}

/** Which list and item hold raw offset `at` (the item whose raw span contains it), or undefined. */
export function itemAt(doc: OracleDocument, at: number): { list: number; item: number } | undefined {
  for (let l = 0; l < doc.lists.length; l++) {
    const items = doc.lists[l];
    for (let i = 0; i < items.length; i++) if (items[i].rawStart <= at && at <= items[i].rawEnd) return { list: l, item: i };
  }
  return undefined;
}

/** The comma-separated field of an item that raw offset `at` falls in. */
export function fieldAt(item: OracleItem, at: number): number {
  let decoded = 0;
  while (decoded < item.text.length && item.rawOf[decoded] < at) decoded++;
  const before = item.text.slice(0, decoded).split(',').length - 1;
  // A diagnostic on an empty field stands on a comma next to it: the empty field after it, else before.
  if (item.text[decoded] === ',' && (item.text[decoded + 1] === ',' || decoded + 1 === item.text.length)) return before + 1;
  return before;
}

/** The fields of an item as IIS splits them. */
function fields(item: OracleItem): string[] {
  return item.text.split(',');
}

/** A fix that removes a whole item says so in its title. */
const REMOVES_ITEM = /^Remove (the blank item|this item)/;
/** A fix that rewrites the whole verb list (normalises it, drops it) may touch every verb. */
const CHANGES_VERB_LIST = /verbs|verb list/i;

/** The attributes that are not ScriptMaps lists, as saxes decodes them. */
const plain = (d: OracleDocument) => d.attributes.filter((x) => !x.list);

/**
 * Judges one quick fix: `before` and `after` are the texts around it, `at` the raw offset where its
 * diagnostic starts, `edits` the raw ranges it replaced (in `before`).
 */
export function judgeFix(before: string, after: string, title: string, at: number, edits: Array<{ start: number; end: number; newText: string }>): void {
  const a = parsedBefore(before);
  // A fix to a property that is no list (a <Custom>'s Name, a restriction list) is judged as one.
  if (!edits.some((e) => inList(a, e))) {
    judgePropertyFix(before, after, title, edits);
    return;
  }
  let b: OracleDocument;
  try {
    b = oracleParse(after);
  } catch (error) {
    assert.fail(`'${title}' leaves XML that saxes refuses: ${error instanceof Error ? error.message : String(error)}`);
  }
  assertOutsideUntouched(before, after, title, edits);
  // Every attribute that is not a list decodes the same.
  assert.deepEqual(plain(b), plain(a), `'${title}' changed another attribute`);
  assert.equal(b.lists.length, a.lists.length, `'${title}' added or removed a list`);
  const target = itemAt(a, at);
  for (let l = 0; l < a.lists.length; l++) {
    const was = a.lists[l].map((i) => i.text);
    const now = b.lists[l].map((i) => i.text);
    if (!target || target.list !== l) {
      assert.deepEqual(now, was, `'${title}' changed a list it was not about`);
      continue;
    }
    if (REMOVES_ITEM.test(title)) {
      assert.equal(now.length, was.length - 1, `'${title}' must remove exactly one item`);
      const gone = was.findIndex((t, i) => now[i] !== t);
      assert.deepEqual(now, [...was.slice(0, gone), ...was.slice(gone + 1)], `'${title}' changed items besides the one it removed`);
      continue;
    }
    assert.equal(now.length, was.length, `'${title}' split or merged items (${JSON.stringify(was)} -> ${JSON.stringify(now)})`);
    const t = target.item;
    assert.deepEqual([...now.slice(0, t), ...now.slice(t + 1)], [...was.slice(0, t), ...was.slice(t + 1)], `'${title}' changed another item`);
    const field = fieldAt(a.lists[l][t], at);
    const oldFields = fields(a.lists[l][t]);
    const newFields = fields(b.lists[l][t]);
    const show = `${JSON.stringify(was[t])} -> ${JSON.stringify(now[t])}`;
    const others = (fs: string[]) => fs.filter((_, f) => f !== field);
    if (field < 3 && !CHANGES_VERB_LIST.test(title)) {
      // Extension, processor or flags: the other fields, verbs included, stay.
      assert.deepEqual(others(newFields), others(oldFields), `'${title}' on field ${field} changed another field: ${show}`);
    } else if (field >= 3 && newFields.length === oldFields.length && !CHANGES_VERB_LIST.test(title)) {
      // A verb fix that keeps the number of verbs rewrites the one verb it is about.
      assert.deepEqual(others(newFields), others(oldFields), `'${title}' on verb field ${field} changed another field: ${show}`);
    } else {
      // A fix that adds, drops or normalises verbs changes the verbs only.
      assert.deepEqual(newFields.slice(0, 3), oldFields.slice(0, 3), `'${title}' changed more than the verbs: ${show}`);
    }
  }
}

/** Whether an edit touches the raw text of a ScriptMaps list. */
function inList(doc: OracleDocument, edit: { start: number; end: number }): boolean {
  return doc.lists.some((items) => items.length > 0 && items[0].rawStart <= edit.end && edit.start <= items[items.length - 1].rawEnd);
}

/** Bytes outside the edits are untouched. */
export function assertOutsideUntouched(before: string, after: string, title: string, edits: Array<{ start: number; end: number; newText: string }>): void {
  const sorted = [...edits].sort((x, y) => x.start - y.start);
  let delta = 0;
  let from = 0;
  for (const e of sorted) {
    assert.equal(after.slice(from + delta, e.start + delta), before.slice(from, e.start), `'${title}' changed text outside its edit`);
    delta += e.newText.length - (e.end - e.start);
    from = e.end;
  }
  assert.equal(after.slice(from + delta), before.slice(from), `'${title}' changed text after its edit`);
}

/**
 * Judges a fix to one property (an attribute of a key or of a <Custom>): saxes accepts the result, the bytes
 * outside the edits are untouched, and exactly one attribute changed, either its name (its decoded value
 * kept) or its decoded value (its name kept). Returns that attribute as saxes decodes it after the fix.
 */
export function judgePropertyFix(before: string, after: string, title: string, edits: Array<{ start: number; end: number; newText: string }>): OracleAttribute {
  const a = oracleParse(before).attributes;
  let b: OracleAttribute[];
  try {
    b = oracleParse(after).attributes;
  } catch (error) {
    assert.fail(`'${title}' leaves XML that saxes refuses: ${error instanceof Error ? error.message : String(error)}`);
  }
  assertOutsideUntouched(before, after, title, edits);
  assert.equal(b.length, a.length, `'${title}' added or removed an attribute`);
  const changed = a.map((_, i) => i).filter((i) => a[i].name !== b[i].name || a[i].value !== b[i].value || a[i].element !== b[i].element);
  assert.equal(changed.length, 1, `'${title}' must change exactly one attribute: ${JSON.stringify(changed.map((i) => [a[i], b[i]]))}`);
  const [i] = changed;
  assert.equal(b[i].element, a[i].element, `'${title}' renamed an element`);
  assert.ok(a[i].name === b[i].name || a[i].value === b[i].value, `'${title}' changed both the name and the value of ${a[i].name}`);
  return b[i];
}

/** The last text judged, parsed: every fix of a document is judged against the same one. */
let last: { text: string; doc: OracleDocument } | undefined;
function parsedBefore(text: string): OracleDocument {
  if (last?.text !== text) last = { text, doc: oracleParse(text) };
  return last.doc;
}

/** Judges fix-all: well-formed, other attributes unchanged, no item split or merged. */
export function judgeFixAll(before: string, after: string): void {
  const a = parsedBefore(before);
  let b: OracleDocument;
  try {
    b = oracleParse(after);
  } catch (error) {
    assert.fail(`fix-all leaves XML that saxes refuses: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Fix-all may fix any list (a <Custom Type="MULTISZ"> such as HttpErrors has its list rules too), and a
  // property's name or value (a <Custom>'s Name from its ID, a BOOL's case, a misspelt name: each judged as a
  // quick fix by judgePropertyFix), never both, and never adds, removes or moves an attribute. A name put
  // right may make a value a list (criptMaps -> ScriptMaps): then its decoded value stays as it was.
  assert.deepEqual(b.attributes.map((x) => x.element), a.attributes.map((x) => x.element), 'fix-all added, removed or moved an attribute');
  for (const [i, x] of a.attributes.entries()) {
    const y = b.attributes[i];
    if (x.multisz && y.multisz) continue;
    if (x.multisz !== y.multisz) assert.equal(y.value, x.value, `fix-all renamed ${x.name} to ${y.name} and changed its value`);
    else assert.ok(y.name === x.name || y.value === x.value, `fix-all changed both the name and the value of ${x.name}: ${JSON.stringify([x, y])}`);
  }
  // The lists of attributes that are lists before and after, paired by attribute.
  const listsOf = (d: OracleDocument) => {
    const byAttribute = new Map<number, OracleItem[]>();
    let [l, o] = [0, 0];
    d.attributes.forEach((x, i) => { if (x.multisz) byAttribute.set(i, x.list ? d.lists[l++] : d.others[o++]); });
    return byAttribute;
  };
  const [listsBefore, listsAfter] = [listsOf(a), listsOf(b)];
  for (const [i, was] of listsBefore) {
    const now = listsAfter.get(i);
    if (!now) continue;
    // Items may go (blank ones and duplicates), never appear: a split item would show as one more.
    const show = () => `${JSON.stringify(was.map((i) => i.text))} -> ${JSON.stringify(now.map((i) => i.text))}`;
    assert.ok(now.length <= was.length, `fix-all split an item (${was.length} -> ${now.length} items): ${show()}`);
    assert.ok(now.length >= was.length - removable(was), `fix-all removed more items than the blank and duplicate ones (${was.length} -> ${now.length}): ${show()}`);
  }
}

/** How many items fix-all may remove: the blank ones and those whose first field (the extension, the status) repeats. */
function removable(items: OracleItem[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const item of items) {
    const extension = item.text.split(',')[0].trim().toLowerCase();
    if (item.text.trim() === '' || seen.has(extension)) n++;
    seen.add(extension);
  }
  return n;
}
