// Says that the outline or the folding of the active metabase was cut to iisMetabase.maxItemsComputed, as
// the JSON extension says its outline was limited: a language status item, with a link to the setting. The
// server tells what is cut of each document (its iisMetabase/resultLimit notification) whenever that changes.

import { Disposable, LanguageStatusItem, LanguageStatusSeverity, languages, window, workspace } from 'vscode';
import { BaseLanguageClient, State } from 'vscode-languageclient';
import { MAX_ITEMS_SETTING, RESULT_LIMIT_NOTIFICATION, ResultLimitParams } from '../../../server/src/resultLimit';

export function registerLimitStatus(client: BaseLanguageClient, language: string): Disposable {
  const cut = new Map<string, ResultLimitParams>();
  let item: LanguageStatusItem | undefined;
  // A language status item cannot be hidden: it is made for the active editor's document, and disposed.
  const show = () => {
    const uri = window.activeTextEditor?.document.uri.toString();
    const limits = uri === undefined ? undefined : cut.get(uri);
    if (!limits) {
      item?.dispose();
      item = undefined;
      return;
    }
    item ??= languages.createLanguageStatusItem('iisMetabase.resultLimit', { language });
    item.name = 'IIS Metabase: Outline and Folding Limits';
    item.severity = LanguageStatusSeverity.Warning;
    item.text = describe(limits);
    item.detail = 'for performance on a large file';
    item.command = { title: 'Configure', command: 'workbench.action.openSettings', arguments: [MAX_ITEMS_SETTING] };
  };
  client.onNotification(RESULT_LIMIT_NOTIFICATION, (params: ResultLimitParams) => {
    if (params.outline === undefined && params.folding === undefined) cut.delete(params.uri);
    else cut.set(params.uri, params);
    show();
  });
  return Disposable.from(
    window.onDidChangeActiveTextEditor(show),
    workspace.onDidCloseTextDocument((document) => {
      cut.delete(document.uri.toString());
      show();
    }),
    // A new server knows nothing cut yet, and tells again what it cuts.
    client.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      cut.clear();
      show();
    }),
    { dispose: () => item?.dispose() },
  );
}

/** "Outline limited to 5000 items", "Folding limited to 5000 ranges", or both in one line. */
function describe({ outline, folding }: ResultLimitParams): string {
  if (outline !== undefined && folding !== undefined) return `Outline limited to ${outline} items, folding to ${folding} ranges`;
  return outline !== undefined ? `Outline limited to ${outline} items` : `Folding limited to ${folding} ranges`;
}
