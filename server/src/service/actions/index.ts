// Code actions on a MULTISZ list: move an item up or down, remove or duplicate it, sort the items (a
// ScriptMaps list by extension), and copy the whole list as an adsutil.vbs command or an ADSI script.
// Copying runs the client's command COPY_COMMAND with the text as its argument, so that any LSP client
// can show or copy it.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver-types';
import { MetabaseModel, rangeOf } from '../languageService';
import { SCRIPT_MAPS } from '../model/key';
import { parseScriptMapItem } from '../model/scriptMap';
import { Edit } from '../rules/finding';
import { adsiScript, adsutilCommand } from './adsutil';
import { duplicateItem, moveItem, removeItem, sortItems } from './edits';
import { listAt } from './list';
import { documentLineBreak, isBlank } from '../model/multisz';

/** The client command that copies its first argument to the clipboard (the second says what it is). */
export const COPY_COMMAND = 'iisMetabase.copyToClipboard';

export const LIST_ACTION_KINDS = [CodeActionKind.RefactorRewrite, CodeActionKind.Refactor];

export function listActions(document: TextDocument, model: MetabaseModel, range: Range, only?: string[]): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  if (!wants(CodeActionKind.RefactorRewrite) && !wants(CodeActionKind.Refactor)) return [];
  const text = document.getText();
  const list = listAt(text, model, document.offsetAt(range.start), model.checker.facts);
  if (!list) return [];
  const { items, current: i, property } = list;
  const actions: CodeAction[] = [];
  const edit = (title: string, e: Edit | undefined) => {
    if (e && wants(CodeActionKind.RefactorRewrite)) {
      actions.push({ title, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [document.uri]: [{ range: rangeOf(document, e.start, e.end), newText: e.newText }] } } });
    }
  };
  if (i >= 0 && !isBlank(items[i])) {
    if (i > 0 && !isBlank(items[i - 1])) edit('Move item up', moveItem(text, items, i, -1));
    if (i + 1 < items.length && !isBlank(items[i + 1])) edit('Move item down', moveItem(text, items, i, 1));
    edit('Duplicate item', duplicateItem(text, items, i, documentLineBreak(text)));
    edit('Remove item', removeItem(items, i));
  }
  const scriptMaps = property === SCRIPT_MAPS;
  edit(scriptMaps ? 'Sort items by extension' : 'Sort items',
    sortItems(text, items, (item) => (scriptMaps ? parseScriptMapItem(item).extension.text : item.value.text).trim().toLowerCase()));
  if (list.location !== undefined && wants(CodeActionKind.Refactor)) {
    const values = items.filter((item) => !isBlank(item)).map((item) => item.value.text);
    const copy = (title: string, what: string, copied: string) =>
      actions.push({ title, kind: CodeActionKind.Refactor, command: { title, command: COPY_COMMAND, arguments: [copied, what] } });
    const command = adsutilCommand(list.location, property, values);
    if (command) copy('Copy as adsutil.vbs command', 'adsutil.vbs command', command);
    copy('Copy as ADSI script (VBScript)', 'ADSI script', adsiScript(list.location, property, values));
  }
  return actions;
}
