// The frame of the list properties other than ScriptMaps: how a property cuts its items into fields, checks
// an item and the whole list, and describes an item in a hover; and the helpers their rules share
// (white space around a field, the same item twice).

import { Field, MultiszItem } from '../../model/multisz';
import { quoted } from '../../quote';
import { Quote } from '../../xml/tree';
import { Finding, Fix } from '../finding';
import { MultiszValue } from '../multiszValue';
import { RuleId } from '../table';

export interface ListItem {
  item: MultiszItem;
  fields: Field[];
}

export interface ListSpec {
  /** The property's name in the schema, and its ID (a `<Custom ID="..">` holds it too). */
  property: string;
  id: string;
  /** What separates the fields (an empty field's range is the separator next to it). */
  separator: string;
  /** The item's format, for hovers. */
  format: string;
  split(text: string): Field[];
  /** The rules on one item alone. */
  check(value: ListValue, item: ListItem): void;
  /** The rules across items (the same item twice). */
  checkList(value: ListValue): void;
  /** The hover of an item: a title and its fields, each with its text and what it means. */
  describe(item: ListItem): { title: string; rows: HoverRow[] };
}

/** A field in an item's hover: its name, its text (shown as code), and what it means. */
export type HoverRow = [field: string, text: string | undefined, meaning?: string];

export class ListValue extends MultiszValue {
  readonly items: ListItem[] = [];
  /** Fixes that give their item a new key (see reportDuplicates), withdrawn if another item has that key. */
  readonly keyFixes: Array<{ finding: Finding; fix: Fix; key: string }> = [];

  constructor(readonly spec: ListSpec, text: string, start: number, end: number, quote: Quote) {
    super(text, start, end, quote);
  }

  /** Cuts a line that is not blank into the next item (or takes it as `cut`, read from the same text). */
  readItem(line: MultiszItem, cut?: ListItem): ListItem {
    const item = { item: line, fields: cut ? cut.fields : this.spec.split(line.value.text) };
    this.items.push(item);
    return item;
  }

  /** Reports a finding whose fix gives the item the duplicate key `key`: kept only if no other item has it. */
  reportWithNewKey(rule: RuleId, range: { start: number; end: number }, message: string, fix: Fix, key: string): void {
    const finding = this.report(rule, range, message, [fix]);
    if (finding) this.keyFixes.push({ finding, fix, key });
  }

  /** Document range of a field; an empty field stands for the separator next to it. */
  fieldRange(item: ListItem, field: Field): { start: number; end: number } {
    return this.range(item, field, this.spec.separator);
  }
}

/**
 * The field without the white space around it. White space is reported (list-field-spaces, with a fix
 * that deletes it) unless the field is nothing else: an empty field is its rules' to judge.
 */
export function trimmed(value: ListValue, item: ListItem, field: Field, name: string): Field {
  const text = field.text.trim();
  if (text === field.text) return field;
  if (text === '') {
    value.report('list-field-spaces', value.fieldRange(item, field),
      `the ${name} is only white space: IIS writes nothing there, and whether it trims it is not documented`,
      [{ title: `Remove the white space of the ${name}`, edits: value.rewrite(item, field, ''), preferred: true }]);
    return { start: field.start, end: field.start, text };
  }
  const start = field.start + field.text.indexOf(text);
  value.report('list-field-spaces', value.fieldRange(item, field),
    `the ${name} ${quoted(text)} has white space around it: IIS writes none, and whether it trims it is not documented`,
    [{ title: `Trim the ${name}`, edits: value.rewrite(item, field, text), preferred: true }]);
  return { start, end: start + text.length, text };
}

/**
 * The same item twice: each later one is reported on its `key` field, with the first as related
 * information and a fix that removes the later line (a choice: not preferred). A fix that would give its
 * item the key of another item (or that two fixes would write) is withdrawn: it would make a duplicate.
 */
export function reportDuplicates(
  value: ListValue, rule: RuleId, keyOf: (item: ListItem) => string | undefined, fieldOf: (item: ListItem) => Field,
  message: (text: string, number: number) => string,
): void {
  const first = new Map<string, { item: ListItem; number: number }>();
  value.items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined || key === '') return;
    const seen = first.get(key);
    if (!seen) {
      first.set(key, { item, number: index + 1 });
      return;
    }
    const field = fieldOf(item);
    const earlier = fieldOf(seen.item);
    const removal = value.removeLine(item.item);
    value.report(rule, value.fieldRange(item, field), message(field.text, seen.number),
      removal ? [{ title: 'Remove this item', edits: [removal] }] : [],
      [{ ...value.fieldRange(seen.item, earlier), message: `item ${seen.number}: ${quoted(earlier.text)}` }]);
  });
  const written = new Map<string, number>();
  for (const { key } of value.keyFixes) written.set(key, (written.get(key) ?? 0) + 1);
  for (const { finding, fix, key } of value.keyFixes) {
    if (first.has(key) || written.get(key)! > 1) finding.fixes = finding.fixes.filter((f) => f !== fix);
  }
}

/** The trimmed text of a field, lower-cased: how two items are compared. */
export function keyText(field: Field | undefined): string {
  return field ? field.text.trim().toLowerCase() : '';
}

/**
 * For a path that starts with a `%VAR%`: whether IIS expands it there is not documented (metabase.md's open
 * questions), so the finding says what happens if it does not, instead of a certain failure.
 */
export function unexpandedVariable(path: string, consequence: string): string | undefined {
  const variable = /^"?(%[^%\s]+%)/.exec(path);
  return variable
    ? `${quoted(path)} starts with the environment variable ${quoted(variable[1])}: if IIS does not expand it here (not documented), ${consequence}; write the full path`
    : undefined;
}
