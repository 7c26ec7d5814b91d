// Every ScriptMaps rule, run over one value (a `ScriptMaps="..."` attribute or a `<Custom ID="6014">`).

import { ItemMemo } from '../../model/memo';
import { ScriptMapItem, Span } from '../../model/scriptMap';
import { Quote } from '../../xml/tree';
import { Finding } from '../finding';
import { RuleId } from '../table';
import { checkAspGet } from './asp';
import { checkDuplicateExtensions, checkExtension } from './extension';
import { checkFlags } from './flags';
import { MemoEntry, checkBlankItems, checkItemsSteps } from '../multiszValue';
import { checkFieldCount } from './item';
import { checkPlaceholders } from './placeholders';
import { checkProcessor } from './processor';
import { ScriptMapsValue } from './value';
import { forEachRawLine, isBlank } from '../../model/multisz';
import { checkVerbs } from './verbs';
import { MapItem, mapItemsOf, shapeOf } from '../cross/mapItem';

/** The findings of a ScriptMaps value, and its items as the checks across keys read them (offsets relative to the value's start). */
export interface ScriptMapsCheck {
  findings: Finding[];
  /** Undefined with a focus (only some items were read in full). */
  items?: readonly MapItem[];
}

/**
 * Every ScriptMaps rule over one value, as steps (see checkItemsSteps). With `focus`, only the findings that
 * touch it: the items outside it are read for their extensions only (which the duplicate check compares
 * across the list), so that a code action in a 40,000-item list checks one item.
 */
export function* checkScriptMapsSteps(text: string, start: number, end: number, quote: Quote, focus?: Span): Generator<void, ScriptMapsCheck, void> {
  const value = new ScriptMapsValue(text, start, end, quote, focus);
  yield* checkBlankItems(value);
  yield* checkItemsSteps(value, (line) => value.readItem(line), (item) => checkItem(value, item), {
    outside: (item) => { if (item.flags || item.commaInPath) checkExtension(value, item); },
    // Neither a full path where the processor goes nor a number where the flags go: the item is no script
    // map at all, as the second half of an item cut by a line break (`%s,5,GET` of `...perl.exe&#10;%s,5,GET`).
    // What was meant is unclear: its fixes are offered, and fix-all applies none of them.
    fragment: () => value.itemReported('processor-relative') && value.itemReported('flags-not-a-number'),
    memo: {
      memos: MEMOS,
      move: (item, line) => value.readItem(line, item),
      pending: value.extensionFixes,
    },
  });
  checkDuplicateExtensions(value);
  value.finish();
  return { findings: value.findings, items: focus ? undefined : mapItemsOf(value.lines, value.items, start) };
}

/**
 * The items of a value (offsets relative to its start) when the item memo knows every one of them without a
 * finding: no blank item, no character reference (entities such as `&quot;` are fine), no extension twice. Then the value has no finding, and
 * its items come from the memo without an object per line. Undefined otherwise (the rules must read it):
 * most lists IIS Manager writes are known items, in lists that differ in which of them they hold.
 */
export function knownCleanItems(text: string, quote: Quote): MapItem[] | undefined {
  // A character reference may be a line break (`&#10;`): such a value is split by the rules.
  if (text.indexOf('&#') >= 0) return undefined;
  const memo = MEMOS[quote];
  const items: MapItem[] = [];
  const extensions = new Set<string>();
  let known = true;
  forEachRawLine(text, text, 0, text.length, (_lineStart, start, end) => {
    if (!known) return;
    const item = text.slice(start, end);
    const entry = memo.accepts(item) ? memo.get(item) : undefined;
    const shape = entry && entry.findings.length === 0 ? shapeOf(entry.item, true) : undefined;
    if (!shape || shape.extensionKey === '' || extensions.has(shape.extensionKey)) {
      known = false;
      return;
    }
    extensions.add(shape.extensionKey);
    items.push(new MapItem(shape, start, end, false));
  });
  return known ? items : undefined;
}

/** Items already checked, by text: see checkItemsSteps. */
const MEMOS: Record<Quote, ItemMemo<MemoEntry<ScriptMapItem>>> = { '"': new ItemMemo(), "'": new ItemMemo() };

/** The rules that look at one item alone. */
function checkItem(value: ScriptMapsValue, item: ScriptMapItem): void {
  if (!checkFieldCount(value, item)) return;
  checkExtension(value, item);
  if (!checkProcessor(value, item)) return;
  checkPlaceholders(value, item);
  checkFlags(value, item);
  checkAspGet(value, item); // before the verb rules: its range starts at the first verb
  checkVerbs(value, item);
}

/**
 * The rules an item breaks when its raw text is `raw` (written inside `quote`), or undefined when `raw` is
 * not exactly one item (a fix cut it in two, or emptied it).
 */
export function itemRules(raw: string, quote: Quote): Set<RuleId> | undefined {
  const value = new ScriptMapsValue(raw, 0, raw.length, quote);
  if (value.lines.length !== 1 || isBlank(value.lines[0])) return undefined;
  const item = value.readItem(value.lines[0]);
  value.checkItem(() => checkItem(value, item));
  return new Set(value.findings.map((f) => f.rule));
}
