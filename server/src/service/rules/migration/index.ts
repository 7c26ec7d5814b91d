// The migration-readiness group: what a move from IIS 6 to IIS 7+ trips over (migration.md, "What
// migrations trip over"). A pass over the whole model after the other rules, run only when the group is
// on (it is off by default): it reads the keys' summaries and asks the inheritance module for the values a
// key inherits (its application pool, the pool's bitness, its content folder).

import { MetabaseModel } from '../../model/document';
import { ownProperty, scriptMapItems } from '../../model/inheritance';
import { locationPath } from '../../model/summary';
import { SchemaFacts } from '../../schema';
import { Finding } from '../finding';
import { KeyContext } from './context';
import { checkScriptMap } from './scriptMaps';
import { nonWebServices } from './services';
import { duplicateSiteNames } from './sites';

export function checkMigration(text: string, model: MetabaseModel, facts: SchemaFacts): Finding[] {
  const findings: Finding[] = [];
  const scriptMaps = facts.property('ScriptMaps')!;
  for (const segment of model.segments) {
    const key = segment.key;
    if (!segment.isKey || !key?.location) continue;
    const own = ownProperty(text, segment, scriptMaps);
    if (!own) continue;
    const location = locationPath(text, segment.start, key)!;
    const context = new KeyContext(text, model, facts, location);
    for (const item of scriptMapItems(text, own)) findings.push(...checkScriptMap(item, context));
  }
  // A loop, not push(...): a file can have more sites or keys than a call has arguments.
  for (const finding of [...duplicateSiteNames(text, model, facts), ...nonWebServices(text, model)]) findings.push(finding);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
