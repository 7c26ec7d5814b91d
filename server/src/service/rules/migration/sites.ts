// Two web sites with one name: IIS 7+ names sites uniquely (ignoring case), IIS 6 did not care.

import { MetabaseModel } from '../../model/document';
import { ownProperty } from '../../model/inheritance';
import { quoted } from '../../quote';
import { SchemaFacts } from '../../schema';
import { Finding } from '../finding';
import { valueOf } from './context';

export function duplicateSiteNames(text: string, model: MetabaseModel, facts: SchemaFacts): Finding[] {
  const serverComment = facts.property('ServerComment')!;
  const first = new Map<string, { start: number; end: number }>();
  const findings: Finding[] = [];
  for (const segment of model.segments) {
    if (!segment.isKey || segment.key?.type !== 'IIsWebServer') continue;
    const set = ownProperty(text, segment, serverComment);
    if (!set) continue;
    const name = valueOf(text, set).trim();
    if (!name) continue;
    const range = { start: set.valueStart, end: set.valueEnd };
    const earlier = first.get(name.toLowerCase());
    if (!earlier) {
      first.set(name.toLowerCase(), range);
      continue;
    }
    findings.push({
      rule: 'migration-duplicate-site-name', ...range, fixes: [],
      message: `another web site is named ${quoted(name)} already (IIS 7+ site names are unique, ignoring case): the migration renames one of them`,
      related: [{ start: earlier.start, end: earlier.end, message: 'the first site with this name' }],
    });
  }
  return findings;
}
