// Every ScriptMaps rule, run over one value (a `ScriptMaps="..."` attribute or a `<Custom ID="6014">`).

import { ScriptMapItem, Span } from '../../model/scriptMap';
import { Quote } from '../../xml/tree';
import { Finding, ItemScope } from '../finding';
import { RuleId } from '../table';
import { checkAspGet } from './asp';
import { checkDuplicateExtensions, checkExtension } from './extension';
import { checkFlags } from './flags';
import { checkBlankItems, checkFieldCount } from './item';
import { checkPlaceholders } from './placeholders';
import { checkProcessor } from './processor';
import { ScriptMapsValue, isBlank } from './value';
import { checkVerbs } from './verbs';

/** Items checked between two yields of the steps: a 160,000-item value must not hold a server for long. */
const ITEMS_PER_STEP = 1000;

/**
 * Every ScriptMaps rule over one value, as steps: yields every ITEMS_PER_STEP items. With `focus`, only the
 * findings that touch it: the items outside it are read for their extensions only (which the duplicate
 * check compares across the list), so that a code action in a 40,000-item list checks one item.
 */
export function* checkScriptMapsSteps(text: string, start: number, end: number, quote: Quote, focus?: Span): Generator<void, Finding[], void> {
  const value = new ScriptMapsValue(text, start, end, quote, focus);
  yield* checkBlankItems(value);
  let count = 0;
  for (const line of value.lines) {
    if (isBlank(line)) continue;
    const item = value.readItem(line);
    const first = value.findings.length;
    if (value.inFocus(item.item)) value.checkItem(() => checkItem(value, item));
    else value.checkItem(() => { if (item.flags || item.commaInPath) checkExtension(value, item); });
    // The item's own findings know their item, so that a fix can be judged on the item alone.
    const scope: ItemScope = { start: item.item.start, end: item.item.end, quote };
    // Neither a full path where the processor goes nor a number where the flags go: the item is no script
    // map at all, as the second half of an item cut by a line break (`%s,5,GET` of `...perl.exe&#10;%s,5,GET`).
    // What was meant is unclear: its fixes are offered, and fix-all applies none of them.
    const fragment = value.itemReported('processor-relative') && value.itemReported('flags-not-a-number');
    for (let i = first; i < value.findings.length; i++) {
      const finding = value.findings[i];
      finding.item = scope;
      // In place: the duplicate check still withdraws an extension fix by identity.
      if (fragment) for (const fix of finding.fixes) delete fix.preferred;
    }
    if (++count % ITEMS_PER_STEP === 0) yield;
  }
  checkDuplicateExtensions(value);
  value.finish();
  return value.findings;
}

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
