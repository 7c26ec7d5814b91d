// The editor's "Copy as ..." actions on a key: code actions that run a client command, which asks the
// server for the text (the `iisMetabase/export` request) and copies it to the clipboard.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, Position, Range } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { segmentAt } from '../model/document';
import { locationPath } from '../model/summary';
import { ExportTarget, exportMetabase } from '.';

/** The client commands, by target; the adsutil one is on a key (the list actions may have their own). */
export const COPY_COMMANDS: Record<ExportTarget, { command: string; title: string }> = {
  handlers: { command: 'iisMetabase.copyAsHandlers', title: 'Copy as IIS 7+ handlers' },
  appcmd: { command: 'iisMetabase.copyAsAppcmd', title: 'Copy as appcmd commands' },
  adsutil: { command: 'iisMetabase.copyKeyAsAdsutil', title: 'Copy key as adsutil.vbs command' },
};

export const EXPORT_REQUEST = 'iisMetabase/export';

export interface ExportParams {
  uri: string;
  position: Position;
  to: ExportTarget;
}

/** The Location of the web key at `offset` (as written), if the offset is inside one. */
export function webKeyAt(text: string, model: MetabaseModel, offset: number): string | undefined {
  const segment = model.segments[segmentAt(model, offset)];
  const key = segment?.key;
  if (!segment?.isKey || !key?.location || !/^\/lm\/w3svc(\/|$)/.test(key.location.key)) return undefined;
  return locationPath(text, segment.start, key);
}

/** The three actions on the web key at the start of `range`; none elsewhere. */
export function exportActions(document: TextDocument, model: MetabaseModel, range: Range): CodeAction[] {
  const location = webKeyAt(document.getText(), model, document.offsetAt(range.start));
  if (location === undefined) return [];
  return Object.values(COPY_COMMANDS).map(({ command, title }) => ({
    title, command: { title, command, arguments: [document.uri, range.start] },
  }));
}

/** The text a "Copy as ..." command copies: the key at `position` in the target's form; undefined outside a web key. */
export function exportAt(document: TextDocument, model: MetabaseModel, position: Position, to: ExportTarget): { location: string; text: string } | undefined {
  const text = document.getText();
  const location = webKeyAt(text, model, document.offsetAt(position));
  if (location === undefined) return undefined;
  return { location, text: exportMetabase(text, model, model.checker.facts, to, [location]) };
}
