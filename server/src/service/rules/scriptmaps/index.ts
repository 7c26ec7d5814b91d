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
import { isBlank } from '../../model/multisz';
import { checkVerbs } from './verbs';
import { MapItem, mapItemsOf } from '../cross/mapItem';

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
