// The bundled server's "Copy as ..." support: the lightbulb lists the three commands on a web key, the
// iisMetabase/export request answers the text to copy, and migration rules follow their setting.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CodeAction, CodeActionRequest, DidOpenTextDocumentNotification, ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, LspClient, PUSH_CLIENT } from './lspClient';
import { TEXT } from './fixture';

const URI = 'file:///export/MetaBase.xml';
const IN_KEY = { line: 3, character: 3 };

describe('language server, export', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start(PUSH_CLIENT);
    client.settingsFor = () => ({ ...DEFAULT_SETTINGS, migration: { enable: true } });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'iis-metabase', version: 1, text: TEXT },
    });
  });
  after(() => client.kill());

  it('lists the three copy commands in the lightbulb on a web key, and none when asked for kinds', async () => {
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI }, range: { start: IN_KEY, end: IN_KEY }, context: { diagnostics: [] },
    }) as CodeAction[];
    assert.deepEqual(actions.filter((a) => a.command).map((a) => [a.title, a.command!.command, a.command!.arguments]), [
      ['Copy as IIS 7+ handlers', 'iisMetabase.copyAsHandlers', [URI, IN_KEY]],
      ['Copy as appcmd commands', 'iisMetabase.copyAsAppcmd', [URI, IN_KEY]],
      ['Copy key as adsutil.vbs command', 'iisMetabase.copyKeyAsAdsutil', [URI, IN_KEY]],
    ]);
    const onSave = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI }, range: { start: IN_KEY, end: IN_KEY }, context: { diagnostics: [], only: ['source.fixAll'] },
    }) as CodeAction[];
    assert.deepEqual(onSave.filter((a) => a.command), []);
  });

  it('iisMetabase/export answers the key as the target asks; null outside a key or for a closed document', async () => {
    const answer = await client.connection.sendRequest<{ location: string; text: string }>('iisMetabase/export', { uri: URI, position: IN_KEY, to: 'adsutil' });
    assert.equal(answer.location, '/LM/W3SVC/1/ROOT');
    assert.match(answer.text, /\r\nREM VBS Set o = GetObject\("IIS:\/\/localhost\/W3SVC\/1\/ROOT"\)\r\n/);
    assert.equal(await client.connection.sendRequest('iisMetabase/export', { uri: URI, position: { line: 0, character: 1 }, to: 'handlers' }), null);
    assert.equal(await client.connection.sendRequest('iisMetabase/export', { uri: 'file:///closed.xml', position: IN_KEY, to: 'handlers' }), null);
  });

  it('refuses bad params with InvalidParams', async () => {
    for (const params of [{}, { uri: URI }, { uri: URI, position: IN_KEY, to: 'xml' }]) {
      const error = await client.connection.sendRequest('iisMetabase/export', params).then(() => undefined, (e: ResponseError<unknown>) => e);
      assert.equal(error?.code, ErrorCodes.InvalidParams, JSON.stringify(params));
    }
  });
});
