// Every ScriptMaps rule, run over one value (a `ScriptMaps="..."` attribute or a `<Custom ID="6014">`).

import { Quote } from '../../xml/tree';
import { Finding } from '../finding';
import { checkAspGet } from './asp';
import { checkDuplicateExtensions, checkExtension } from './extension';
import { checkFlags } from './flags';
import { checkBlankItems, checkFieldCount } from './item';
import { checkPlaceholders } from './placeholders';
import { checkProcessor } from './processor';
import { ScriptMapsValue } from './value';
import { checkVerbs } from './verbs';

export function checkScriptMaps(text: string, start: number, end: number, quote: Quote): Finding[] {
  const value = new ScriptMapsValue(text, start, end, quote);
  checkBlankItems(value);
  for (const item of value.items) {
    if (!checkFieldCount(value, item)) continue;
    checkExtension(value, item);
    if (!checkProcessor(value, item)) continue;
    checkPlaceholders(value, item);
    checkFlags(value, item);
    checkAspGet(value, item); // before the verb rules: its range starts at the first verb
    checkVerbs(value, item);
  }
  checkDuplicateExtensions(value);
  return value.findings;
}
