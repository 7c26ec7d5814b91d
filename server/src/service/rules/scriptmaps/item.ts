// Rules on an item as a whole: blank lines and items too short to parse.

import { ScriptMapsValue, isBlank } from './value';

/** Lines looked at between two yields. */
const LINES_PER_STEP = 5000;

export function* checkBlankItems(value: ScriptMapsValue): Generator<void, void, void> {
  if (value.lines.every(isBlank)) return; // an empty (or all-blank) value is an empty list
  for (const line of value.lines) {
    if (line.index % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    if (!isBlank(line)) continue;
    // An empty line has no characters of its own: point at the whole line break before it (or after it).
    const index = line.index;
    const range = line.end > line.lineStart ? { start: line.lineStart, end: line.end }
      : index > 0 ? { start: value.lines[index - 1].end, end: line.lineStart }
        : { start: line.lineStart, end: value.lines[1]?.lineStart ?? line.lineStart };
    const removal = value.removeLine(line);
    value.report('item-blank', range,
      'blank item: an empty string ends a MULTISZ list, so IIS may ignore the items after it',
      removal ? [{ title: 'Remove the blank item', edits: [removal], preferred: true }] : []);
  }
}

/** Reports items with fewer than three fields; returns false for them so that no other rule looks at them. */
export function checkFieldCount(value: ScriptMapsValue, item: ScriptMapsValue['items'][number]): boolean {
  if (item.flags || item.commaInPath) return true; // a comma in the path is the real fault: its rule says so
  value.report('item-too-few-fields', value.itemRange(item),
    `this item has ${item.fields.length} field${item.fields.length === 1 ? '' : 's'}; IIS needs Extension,ScriptProcessor,Flags[,Verbs] and answers HTTP 500`);
  return false;
}
