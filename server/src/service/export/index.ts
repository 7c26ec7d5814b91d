// Export of metabase keys to IIS 7+ (handlers XML, appcmd) and to adsutil.vbs commands: pure functions over
// a text and its model, shared by `metabase-lint export` and the editor's "Copy as ..." commands.

import { MetabaseModel } from '../model/document';
import { SchemaFacts } from '../schema';
import { ExportError, KeyExport, defaultLocations, exportKey } from './entries';
import { adsutilScript, appcmdScript } from './commands';
import { handlersXml } from './handlers';

export { ExportError } from './entries';

export type ExportTarget = 'handlers' | 'appcmd' | 'adsutil';
export const EXPORT_TARGETS: readonly ExportTarget[] = ['handlers', 'appcmd', 'adsutil'];

/**
 * The keys at `locations` (default: every web key that sets ScriptMaps or WebSvcExtRestrictionList) in the
 * target's form. A Location asked for that cannot be exported throws ExportError; among the default ones,
 * such a key is left out with a note.
 */
export function exportMetabase(text: string, model: MetabaseModel, facts: SchemaFacts, to: ExportTarget, locations?: readonly string[]): string {
  const keys: KeyExport[] = [];
  const notes: string[] = [];
  for (const location of locations ?? defaultLocations(text, model, facts)) {
    try {
      keys.push(exportKey(text, model, facts, location));
    } catch (error) {
      if (!(error instanceof ExportError) || locations) throw error;
      notes.push(`left out: ${error.message}`);
    }
  }
  if (keys.length === 0 && notes.length === 0) notes.push('no web key sets ScriptMaps or WebSvcExtRestrictionList: nothing to export');
  switch (to) {
    case 'handlers': return handlersXml(keys, notes);
    case 'appcmd': return appcmdScript(keys, notes);
    case 'adsutil': return adsutilScript(keys, notes);
  }
}
