// Inheritance and the checks across keys over LSP: pushed diagnostics with related information in another
// key, an edit to a parent key that changes another key's findings, go to definition, and the code lens
// with its setting.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest, DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, LspClient, PUSH_CLIENT } from './lspClient';

const TEXT = [
  '<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebService\tLocation ="/LM/W3SVC"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE"',
  '\t>',
  '</IIsWebService>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
  '\t\tServerBindings=":80:"',
  '\t>',
  '</IIsWebServer>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/2"',
  '\t\tServerBindings=":80:"',
  '\t>',
  '</IIsWebServer>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/php"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE',
  '\t\t\t.php,C:\\php\\php-cgi.exe,1,GET"',
  '\t>',
  '</IIsWebVirtualDir>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\n');

let counter = 0;
const newUri = () => `file:///sites/inherit${++counter}/MetaBase.xml`;

describe('language server: inheritance and the checks across keys', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(PUSH_CLIENT); });
  after(() => client.kill());

  async function open(uri: string, text = TEXT): Promise<void> {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'iis-metabase', version: 1, text } });
  }

  it('pushes binding-duplicate with its related information on the other site', async () => {
    const uri = newUri();
    await open(uri);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [
      ['binding-duplicate', { start: { line: 12, character: 18 }, end: { line: 12, character: 22 } }],
    ]);
    assert.deepEqual(diagnostics[0].relatedInformation?.map((i) => [i.location.uri, i.location.range]),
      [[uri, { start: { line: 8, character: 18 }, end: { line: 8, character: 22 } }]]);
  });

  it("an edit to the parent's list changes the child's findings (incremental)", async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    // /LM/W3SVC gets .aspx, which the list of /LM/W3SVC/1/ROOT/php drops.
    const document = TextDocument.create(uri, 'iis-metabase', 1, TEXT);
    const at = document.positionAt(TEXT.indexOf(',TRACE"') + ',TRACE'.length);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: at, end: at }, text: '\n\t\t\t.aspx,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,1,GET' }],
    });
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.message]), [
      ['binding-duplicate', 13, "the started site /LM/W3SVC/1 has the binding ':80:' already: IIS does not start this site (both sites would listen on the same IP address, port and host header)"],
      ['scriptmaps-override-drops', 17, 'replaces the 2 items inherited from /LM/W3SVC: drops .aspx; adds .php (a list set here replaces the inherited one whole)'],
    ]);
  });

  it('go to definition from a key to the key whose ScriptMaps apply', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    const locations = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 15, character: 3 } });
    // The parent key's Location first (navigation), then the ScriptMaps that apply: the key's own list, which it sets.
    assert.deepEqual(locations, [
      { uri, range: { start: { line: 7, character: 25 }, end: { line: 7, character: 36 } } },
      { uri, range: { start: { line: 16, character: 2 }, end: { line: 16, character: 12 } } },
    ]);
  });

  it('a code lens on the ScriptMaps that replaces an inherited list; none when the setting is off', async () => {
    const uri = newUri();
    await open(uri);
    await client.diagnosticsFor(uri, 1);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses, [{
      range: { start: { line: 16, character: 2 }, end: { line: 16, character: 12 } },
      command: { title: 'replaces the 1 item inherited from /LM/W3SVC: adds .php', command: '' },
    }]);
    const off = newUri();
    client.settingsFor = (scope) => scope === off ? { ...DEFAULT_SETTINGS, codeLens: { scriptMapsOverride: false } } : DEFAULT_SETTINGS;
    await open(off);
    await client.diagnosticsFor(off, 1);
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: off } }), []);
  });

  it('the server says it provides definitions and code lenses', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.equal(capabilities.definitionProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
  });
});
