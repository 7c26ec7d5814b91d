// Workspace symbols: the sites, virtual directories, directories and application pools of a document whose
// name holds the query's characters in order, ignoring case (the client ranks them). The container is the
// key's Location, so that two vdirs of one name on two sites tell apart.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolInformation } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { isKey, keySpan, range } from './keys';
import { kindOf, lastStep, nameOf, pathOf } from './names';

const FOUND_TYPES: ReadonlySet<string> = new Set([
  'IIsWebServer', 'IIsFtpServer', 'IIsWebVirtualDir', 'IIsFtpVirtualDir', 'IIsWebDirectory', 'IIsApplicationPool',
]);

export function workspaceSymbols(document: TextDocument, model: MetabaseModel, query: string): SymbolInformation[] {
  const text = document.getText();
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const found: SymbolInformation[] = [];
  for (const segment of model.segments) {
    if (!isKey(segment) || !FOUND_TYPES.has(segment.key.type)) continue;
    const path = pathOf(text, segment);
    if (path === undefined) continue;
    const name = nameOf(text, segment, lastStep(path));
    if (!matches(name.toLowerCase(), wanted)) continue;
    found.push({
      name, kind: kindOf(segment.key.type), containerName: path,
      location: { uri: document.uri, range: range(document, keySpan(text, segment)) },
    });
  }
  return found;
}

/** Whether the characters of `query` occur in `name` in order. */
function matches(name: string, query: string): boolean {
  let at = 0;
  for (const c of query) {
    at = name.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
