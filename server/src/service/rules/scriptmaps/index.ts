// Every ScriptMaps rule, run over one value (a `ScriptMaps="..."` attribute or a `<Custom ID="6014">`).

import { ScriptMapItem } from '../../model/scriptMap';
import { Quote } from '../../xml/tree';
import { Finding } from '../finding';
import { RuleId } from '../table';
import { checkAspGet } from './asp';
import { checkDuplicateExtensions, checkExtension } from './extension';
import { checkFlags } from './flags';
import { checkBlankItems, checkItemsSteps } from '../multiszValue';
import { checkFieldCount } from './item';
import { checkPlaceholders } from './placeholders';
import { checkProcessor } from './processor';
import { ScriptMapsValue, isBlank } from './value';
import { checkVerbs } from './verbs';

/** Every ScriptMaps rule over one value, as steps (see checkItemsSteps). */
export function* checkScriptMapsSteps(text: string, start: number, end: number, quote: Quote): Generator<void, Finding[], void> {
  const value = new ScriptMapsValue(text, start, end, quote);
  yield* checkBlankItems(value);
  yield* checkItemsSteps(value, (line) => value.readItem(line), (item) => checkItem(value, item));
  checkDuplicateExtensions(value);
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
  checkItem(value, value.readItem(value.lines[0]));
  return new Set(value.findings.map((f) => f.rule));
}
