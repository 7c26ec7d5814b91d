// A ScriptMaps value being checked: the generic MULTISZ value, its items parsed as script maps, and the
// fixes that write a new extension (which the duplicate check may withdraw).

import { MultiszItem } from '../../model/multisz';
import { ScriptMapItem, Span, parseScriptMapItem } from '../../model/scriptMap';
import { Finding, Fix } from '../finding';
import { MultiszValue } from '../multiszValue';
import { RuleId } from '../table';

export class ScriptMapsValue extends MultiszValue {
  /** The items that are not blank, parsed (as the checks go: see readItem). */
  readonly items: ScriptMapItem[] = [];
  /** Fixes that write a new extension, which the duplicate check may still withdraw (see offerExtension). */
  readonly extensionFixes: Array<{ finding: Finding; fix: Fix; from: string; to: string }> = [];

  /** Parses a line that is not blank into the next item (or takes it as `parsed`, read from the same text). */
  readItem(line: MultiszItem, parsed?: ScriptMapItem): ScriptMapItem {
    const item = parsed ? { ...parsed, item: line } : parseScriptMapItem(line);
    this.items.push(item);
    return item;
  }

  /** Reports a finding whose fix writes the extension `to` in place of `from`: kept only if no other item maps it. */
  reportWithNewExtension(rule: RuleId, range: Span, message: string, fix: Fix, from: string, to: string): void {
    // Dots alone ('. ' trimmed) name no extension, and a '*' other than the wildcard alone never matches
    // ('*.*x' would become '.*x'): such a fix would only hide the finding.
    if (/^\.*$/.test(to) || (to !== '*' && to.includes('*'))) {
      this.report(rule, range, message);
      return;
    }
    const finding = this.report(rule, range, message, [fix]);
    if (finding) this.extensionFixes.push({ finding, fix, from, to });
  }
}
