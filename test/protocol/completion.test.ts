// Completion and the list actions through the bundled server: a start tag being typed (broken XML), a
// space typed where nothing is asked, and the list actions beside the quick fixes, with the client
// command the extension declares.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest, CompletionList, CompletionRequest, CompletionTriggerKind, DidOpenTextDocumentNotification, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient, PUSH_CLIENT } from './lspClient';

const MANIFEST = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

const TEXT = [
  '<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE',
  '\t\t\t.pl,C:\\Perl\\bin\\perlis.dll,5,GET,HEAD,POST"',
  '\t\tAcc',
  '</IIsWebVirtualDir>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

describe('completion and list actions over the protocol', () => {
  let client: LspClient;
  const uri = 'file:///sites/completion/MetaBase.xml';

  before(async () => {
    client = await LspClient.start(PUSH_CLIENT);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'iis-metabase', version: 1, text: TEXT } });
    await client.diagnosticsFor(uri, 1);
  });
  after(() => client.kill());

  it('property names of the key type in the broken start tag, replacing the partial word', async () => {
    const list = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri }, position: { line: 6, character: 5 }, context: { triggerKind: CompletionTriggerKind.Invoked },
    }) as CompletionList;
    const access = list.items.find((i) => i.label === 'AccessFlags');
    assert.deepEqual(access?.textEdit, { range: { start: { line: 6, character: 2 }, end: { line: 6, character: 5 } }, newText: 'AccessFlags="${1:AccessRead}"' } satisfies TextEdit);
    assert.equal(access?.insertTextFormat, 2);
    assert.ok(!list.items.some((i) => i.label === 'ScriptMaps'), 'the key sets ScriptMaps already');
  });

  it('a space typed inside a processor path asks for nothing', async () => {
    const list = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri }, position: { line: 5, character: 12 }, context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' },
    }) as CompletionList;
    assert.deepEqual(list.items, []);
  });

  it('list actions join the quick fixes, on a key that is whole; copying runs the command the extension declares', async () => {
    const at = { line: 5, character: 4 };
    const broken = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    assert.deepEqual(broken, [], 'no list action while the key is not well-formed');
    const whole = 'file:///sites/completion/whole/MetaBase.xml';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: whole, languageId: 'iis-metabase', version: 1, text: TEXT.replace('\t\tAcc\r\n', '\t>\r\n') },
    });
    await client.diagnosticsFor(whole, 1);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: whole }, range: { start: at, end: at }, context: { diagnostics: [] } });
    // The list's actions, then the key's (export).
    assert.deepEqual(actions?.map((a) => a.title), [
      'Move item up', 'Duplicate item', 'Remove item', 'Copy as adsutil.vbs command', 'Copy as ADSI script (VBScript)',
      'Copy as IIS 7+ handlers', 'Copy as appcmd commands', 'Copy key as adsutil.vbs command',
    ]);
    const up = actions.find((a) => a.title === 'Move item up')!;
    assert.ok('edit' in up);
    assert.deepEqual(up.edit?.changes?.[whole], [{
      range: { start: { line: 4, character: 14 }, end: { line: 5, character: 45 } },
      newText: '.pl,C:\\Perl\\bin\\perlis.dll,5,GET,HEAD,POST\r\n\t\t\t.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE',
    }]);
    const copy = actions.find((a) => a.title === 'Copy as adsutil.vbs command')!;
    assert.ok('command' in copy && typeof copy.command === 'object');
    assert.equal(copy.command.command, 'iisMetabase.copyToClipboard');
    const declared = (MANIFEST.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(declared.includes(copy.command.command), 'package.json declares the command');
    assert.equal(copy.command.arguments?.[0], 'cscript adsutil.vbs SET W3SVC/1/ROOT/ScriptMaps ' +
      '".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE" ".pl,C:\\Perl\\bin\\perlis.dll,5,GET,HEAD,POST"');
  });
});
