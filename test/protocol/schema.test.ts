// A user's MBSchema.xml over LSP: the client sends its text (initializationOptions.schema, then the
// iisMetabase/schema notification on change); the server checks against it, and a schema that cannot be
// used is said once (log and window message) while IIS 6's own schema is used.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DidOpenTextDocumentNotification, MessageType } from 'vscode-languageserver-protocol/node';
import { LspClient, PUSH_CLIENT } from './lspClient';

const REPO = join(__dirname, '..', '..', '..');

const IIS_SCHEMA = readFileSync(join(REPO, 'test/fixtures/schema/MBSchema.xml'), 'utf8');
/** IIS's schema, extended so that an FTP site may hold ScriptMaps. */
const EXTENDED = IIS_SCHEMA.replace(/(<Collection\s+InternalName ="IIsFtpServer"[^>]*>)/, '$1\n\t\t\t<Property InheritsPropertiesFrom ="IIsConfigObject:ScriptMaps"/>');
const FTP = [
  '<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>',
  '<IIsFtpServer\tLocation ="/LM/MSFTPSVC/1"', '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE"',
  '\t>', '</IIsFtpServer>', '</MBProperty>', '</configuration>', '',
].join('\r\n');

let counter = 0;

async function openFtp(client: LspClient): Promise<string> {
  const uri = `file:///schema/test${++counter}/MetaBase.xml`;
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'iis-metabase', version: 1, text: FTP } });
  return uri;
}

/** The codes of the next diagnostics published for `uri` (version 1) from `since` on. */
async function codesFor(client: LspClient, uri: string, since: number): Promise<string[]> {
  const { diagnostics } = await client.diagnosticsFor(uri, 1, since);
  return diagnostics.map((d) => String(d.code));
}

describe('a user schema over LSP', () => {
  const clients: LspClient[] = [];
  after(() => { for (const c of clients) c.kill(); });

  it('initializationOptions.schema: the documents are checked against it', async () => {
    const client = await LspClient.start(PUSH_CLIENT, { schema: { text: EXTENDED, uri: 'file:///schema/MBSchema.xml' } });
    clients.push(client);
    const uri = await openFtp(client);
    assert.deepEqual(await codesFor(client, uri, 0), []);
  });

  it('the schema notification switches the facts of open documents, and null goes back to IIS 6\'s', async () => {
    const client = await LspClient.start(PUSH_CLIENT);
    clients.push(client);
    const uri = await openFtp(client);
    assert.deepEqual(await codesFor(client, uri, 0), ['scriptmaps-placement']);
    let since = client.published.length;
    await client.connection.sendNotification('iisMetabase/schema', { text: EXTENDED });
    assert.deepEqual(await codesFor(client, uri, since), []);
    since = client.published.length;
    await client.connection.sendNotification('iisMetabase/schema', { text: null });
    assert.deepEqual(await codesFor(client, uri, since), ['scriptmaps-placement']);
  });

  it('a schema that cannot be used: said once in the log and a window message, IIS 6\'s schema used, no crash', async () => {
    const client = await LspClient.start(PUSH_CLIENT, { schema: { text: EXTENDED } });
    clients.push(client);
    const uri = await openFtp(client);
    assert.deepEqual(await codesFor(client, uri, 0), []);
    const since = client.published.length;
    const broken = { text: IIS_SCHEMA.slice(0, 3000), uri: 'file:///schema/MBSchema.xml' };
    await client.connection.sendNotification('iisMetabase/schema', broken);
    assert.deepEqual(await codesFor(client, uri, since), ['scriptmaps-placement']);
    await client.connection.sendNotification('iisMetabase/schema', broken);
    const log = await client.errorLogged('cannot be used');
    assert.match(log.message, /^The schema file:\/\/\/schema\/MBSchema\.xml cannot be used \(MBSchema\.xml is not well-formed XML: .+\); IIS 6's own schema is used instead\.$/);
    await client.waitFor('a window message', () => client.shown.find((m) => m.type === MessageType.Warning));
    // The second notification said nothing more: one log line, one window message.
    await client.connection.sendRequest('shutdown');
    assert.equal(client.logs.filter((l) => l.message.includes('cannot be used')).length, 1);
    assert.equal(client.shown.length, 1);
  });
});
