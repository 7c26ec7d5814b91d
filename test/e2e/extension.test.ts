// End-to-end tests in a real VS Code (loaded by test/e2e/index.ts; run with `npm run test:e2e:headless`
// here, or `npm run test:e2e` where a desktop VS Code can be had). The runner opens a temporary copy of
// test/e2e/workspace/, so the tests may edit and save its files. Every wait has a deadline and says what it
// was waiting for; nothing sleeps a fixed time: waits re-check on each diagnostics change and every 50 ms.
//
// Fixtures (BOM + CRLF unless said otherwise; expected positions are those that `node dist/cli.js` prints,
// 0-based here):
//   MetaBase.xml                  read-only: languageId, diagnostics, hovers
//   quickfix/MetaBase.xml         two quick fixes applied and saved      -> quickfix/fixed.expected.xml
//   schema/MetaBase.xml           CRLF, no BOM: property rules from the schema, a did-you-mean fix, a flag-set hover
//   userschema/                   CRLF, no BOM: a server's own MBSchema.xml (IIS's plus ContosoRewriteMode, 0-2) beside
//                                 a MetaBase.xml that uses it; read when the file opens, then used for every document
//   fixall/MetaBase.xml           source.fixAll.iis-metabase, saved      -> fixall/fixed.expected.xml
//   fixall-lf/metabase.xml        LF, no BOM: fix-all by codeActionsOnSave -> fixall-lf/fixed.expected.xml
//   settings/MetaBase.xml         iisMetabase.rules.* and iisMetabase.enable
//   restart/MetaBase.xml          restart command, killed server
//   history/MetaBase_*.xml        a history file: gets the language by its name pattern
//   editing/MetaBase.xml          CRLF, no BOM: completion in a start tag being typed, list actions
//   lists/MetaBase.xml            the other list properties: a binding and a custom error, their fix and hover
//   other/web.xml, *.expected.xml plain XML: must not get the language

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DOCS, EXTENSION_ID, Expected, FIX_ALL, LANGUAGE_ID, apply, codeActions, codeOf, expectDiagnostics, findDiagnostic,
  fixture, hoverAt, ours, rangeOf, replaceOnLine, show, waitFor, workspaceRoot,
} from './helpers';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// ------------------------------------------------------------------------------------------- helpers

/**
 * The file VS Code writes the "IIS Metabase" log channel to: under VSCODE_LOGS when the extension host has
 * it, else under the user-data folder the headless runner puts beside the workspace copy.
 */
function outputLogFile(): string {
  const roots = [process.env.VSCODE_LOGS, path.join(path.dirname(workspaceRoot().fsPath), 'user-data', 'logs')]
    .filter((r): r is string => r !== undefined && fs.existsSync(r));
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'IIS Metabase.log') found.push(full);
    }
  };
  roots.forEach(walk);
  assert.ok(found.length > 0, `no "IIS Metabase.log" under ${roots.join(', ') || '(no log folder found)'}`);
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/** The bytes on disk must equal the expected file's, BOM and line ends included. */
function assertSameBytes(actualUri: vscode.Uri, expectedRelative: string): void {
  const actual = fs.readFileSync(actualUri.fsPath);
  const expected = fs.readFileSync(fixture(expectedRelative).fsPath);
  if (!actual.equals(expected)) {
    assert.strictEqual(JSON.stringify(actual.toString('utf8')), JSON.stringify(expected.toString('utf8')),
      `${vscode.workspace.asRelativePath(actualUri)} on disk differs from ${expectedRelative}`);
    assert.fail(`${vscode.workspace.asRelativePath(actualUri)} differs from ${expectedRelative} in its bytes`);
  }
}

async function save(document: vscode.TextDocument): Promise<void> {
  assert.strictEqual(await document.save(), true, `saving ${vscode.workspace.asRelativePath(document.uri)} failed`);
  assert.strictEqual(document.isDirty, false);
}

async function setSetting(uri: vscode.Uri, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('iisMetabase', uri).update(key, value, vscode.ConfigurationTarget.WorkspaceFolder);
}

/** Process ids of the language servers of this extension host (Linux: read from /proc). */
function serverPids(): number[] {
  const pids: number[] = [];
  const marker = `--clientProcessId=${process.pid}`;
  const bundle = path.join('dist', 'server.js');
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (argv.includes(marker) && argv.some((a) => a.endsWith(bundle))) pids.push(Number(entry));
  }
  return pids;
}

function onlyServerPid(): number | undefined {
  const pids = serverPids();
  return pids.length === 1 ? pids[0] : undefined;
}

// ------------------------------------------------------------------------------------------- suite

describe('IIS Metabase in VS Code', () => {
  before(() => {
    // The runners copy test/e2e/workspace to a temp dir: never edit and save the checked-in fixtures.
    const source = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'workspace');
    const opened = fs.realpathSync(workspaceRoot().fsPath);
    assert.notStrictEqual(opened, fs.existsSync(source) ? fs.realpathSync(source) : source,
      'the workspace folder is the checked-in test/e2e/workspace; the runner must open a copy');
    assert.ok(fs.existsSync(fixture('MetaBase.xml').fsPath), `no MetaBase.xml in ${opened}`);
  });

  describe('language', () => {
    it('gives MetaBase.xml the iis-metabase language and activates the extension', async () => {
      const document = await show('MetaBase.xml');
      assert.strictEqual(document.languageId, LANGUAGE_ID);
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
      await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
      assert.strictEqual(document.eol, vscode.EndOfLine.CRLF);
      assert.ok(!document.getText().startsWith('\ufeff'), 'VS Code strips the BOM from the text');
    });

    it('gives metabase.xml and MetaBase_*.xml history files the language too', async () => {
      for (const relative of ['fixall-lf/metabase.xml', 'history/MetaBase_0000000412_0000000000.xml']) {
        const document = await vscode.workspace.openTextDocument(fixture(relative));
        assert.strictEqual(document.languageId, LANGUAGE_ID, relative);
      }
    });

    it('leaves other XML files alone', async () => {
      for (const relative of ['other/web.xml', 'quickfix/fixed.expected.xml']) {
        const document = await vscode.workspace.openTextDocument(fixture(relative));
        assert.notStrictEqual(document.languageId, LANGUAGE_ID, relative);
      }
    });
  });

  describe('diagnostics', () => {
    it('reports the problems of MetaBase.xml with exact ranges, codes, severities and messages', async () => {
      const document = await show('MetaBase.xml');
      const diagnostics = await expectDiagnostics(document.uri, [
        [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
        [7, 42, 7, 44, 'flags-not-a-number', 'error'],
        [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
        [8, 44, 8, 47, 'verb-case', 'warning'],
      ], 'the 4 diagnostics of MetaBase.xml');
      assert.deepStrictEqual(diagnostics.map((d) => d.message), [
        'the CGI path contains spaces and is not in quotes: IIS cannot tell where the program ends and its arguments begin',
        "the flags '5x' are not a decimal number: IIS cannot read the item and answers HTTP 500",
        "the extension 'rb' lacks its leading dot: IIS Manager refuses it and it does not match as '.rb'",
        "HTTP methods are case-sensitive: 'get' does not match GET requests",
      ]);
      for (const d of diagnostics) {
        assert.ok(typeof d.code === 'object', `${codeOf(d)}: the code links to its documentation`);
        assert.strictEqual(d.code.target.toString(true), `${DOCS}${codeOf(d)}.md`);
      }
      // The squiggles sit on the text the messages name.
      assert.deepStrictEqual(diagnostics.map((d) => document.getText(d.range)),
        ['C:\\Program Files\\Perl\\bin\\perl.exe', '5x', 'rb', 'get']);
    });

    it('shows the 27 problems that the CLI prints for examples/MetaBase.xml', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const uri = vscode.Uri.file(path.join(extension.extensionPath, 'examples', 'MetaBase.xml'));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: false });
      // `node dist/cli.js examples/MetaBase.xml`, 1-based line:col there.
      await expectDiagnostics(uri, [
        [22, 9, 22, 46, 'scriptmap-not-allowed', 'warning'],
        [23, 10, 23, 47, 'scriptmap-not-allowed', 'warning'],
        [24, 8, 24, 45, 'scriptmap-not-allowed', 'warning'],
        [41, 2, 41, 12, 'scriptmaps-override-drops', 'information'],
        [42, 9, 42, 71, 'scriptmap-not-allowed', 'warning'],
        [43, 7, 43, 41, 'scriptmap-not-allowed', 'warning'],
        [43, 7, 43, 41, 'unquoted-exe-path', 'error'],
        [44, 8, 44, 26, 'scriptmap-not-allowed', 'warning'],
        [44, 42, 44, 44, 'flags-not-a-number', 'error'],
        [45, 10, 45, 47, 'scriptmap-not-allowed', 'warning'],
        [45, 50, 45, 53, 'verb-case', 'warning'],
        [45, 63, 45, 64, 'verb-empty', 'warning'],
        [46, 8, 46, 47, 'scriptmap-not-allowed', 'warning'],
        [46, 48, 46, 49, 'flags-unknown-bits', 'warning'],
        [47, 3, 47, 5, 'extension-missing-dot', 'warning'],
        [47, 6, 47, 26, 'scriptmap-not-allowed', 'warning'],
        [47, 33, 47, 35, 'cgi-uppercase-placeholder', 'error'],
        [48, 3, 48, 7, 'extension-duplicate', 'warning'],
        [54, 2, 54, 12, 'scriptmaps-override-drops', 'information'],
        [54, 16, 54, 57, 'scriptmap-not-allowed', 'warning'],
        [54, 16, 54, 57, 'unquoted-dll-path', 'information'],
        [55, 3, 55, 43, 'verbs-missing', 'information'],
        [55, 8, 55, 26, 'scriptmap-not-allowed', 'warning'],
        [63, 6, 63, 10, 'scriptmaps-override-drops', 'information'],
        [64, 14, 64, 37, 'scriptmap-not-allowed', 'warning'],
        [64, 44, 64, 49, 'verb-spaces', 'warning'],
        [64, 50, 64, 55, 'verb-spaces', 'warning'],
      ], 'the 27 diagnostics of examples/MetaBase.xml');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('hovers', () => {
    let uri: vscode.Uri;
    before(async () => {
      uri = (await show('MetaBase.xml')).uri;
      await waitFor('diagnostics of MetaBase.xml (the server is up)', () => (ours(uri).length ? true : undefined));
    });

    it('describes an item in a field table', async () => {
      const { markdown, range } = await hoverAt(uri, 5, 15); // on '.asp'
      for (const line of [
        '**Script map**',
        '| Field | Value |',
        '| Extension | `.asp` |',
        '| Processor | `C:\\WINDOWS\\system32\\inetsrv\\asp.dll` (ISAPI extension) |',
        '| Flags | 5 = MD_SCRIPTMAPFLAG_SCRIPT (1) + MD_SCRIPTMAPFLAG_CHECK_PATH_INFO (4) |',
        '| Verbs | `GET`, `HEAD`, `POST`, `TRACE` |',
      ]) {
        assert.ok(markdown.split('\n').includes(line), `hover lacks the line ${line}:\n${markdown}`);
      }
      assert.deepStrictEqual(rangeOf(range), [5, 14, 5, 76], 'the hover covers the whole item');
    });

    it('describes a CGI item with its arguments and the rule it breaks', async () => {
      const { markdown } = await hoverAt(uri, 6, 4); // on '.pl'
      for (const line of ['| Processor | `C:\\Program Files\\Perl\\bin\\perl.exe` (CGI program) |', '| Arguments | `%s %s` |']) {
        assert.ok(markdown.split('\n').includes(line), `hover lacks the line ${line}:\n${markdown}`);
      }
      assert.ok(!markdown.includes('**unquoted-exe-path**'), 'the rule is only named on its own range');
      const onPath = await hoverAt(uri, 6, 20);
      assert.ok(onPath.markdown.includes(`**unquoted-exe-path** (error): A CGI program path with spaces that is not in quotes.`), onPath.markdown);
      assert.ok(onPath.markdown.includes(`](${DOCS}unquoted-exe-path.md)`), onPath.markdown);
    });

    it('names the bits of the flags', async () => {
      const { markdown, range } = await hoverAt(uri, 5, 55); // on '5'
      assert.ok(markdown.startsWith('**Flags** 5 = MD_SCRIPTMAPFLAG_SCRIPT (1) + MD_SCRIPTMAPFLAG_CHECK_PATH_INFO (4)'), markdown);
      assert.ok(markdown.includes('- ☑ **1** `MD_SCRIPTMAPFLAG_SCRIPT`'), markdown);
      assert.ok(markdown.includes('- ☑ **4** `MD_SCRIPTMAPFLAG_CHECK_PATH_INFO`'), markdown);
      assert.deepStrictEqual(rangeOf(range), [5, 55, 5, 56]);
    });

    it('explains flags that are not a number, with the rule', async () => {
      const { markdown, range } = await hoverAt(uri, 7, 43); // on '5x'
      assert.ok(markdown.startsWith('**Flags** `5x`: IIS expects a decimal number made of these bits'), markdown);
      assert.ok(markdown.includes('- **1** `MD_SCRIPTMAPFLAG_SCRIPT`') && !/[☐☑]/.test(markdown), markdown);
      assert.ok(markdown.includes('**flags-not-a-number** (error): Flags that are not a decimal number.'), markdown);
      assert.deepStrictEqual(rangeOf(range), [7, 42, 7, 44]);
    });

    it('describes the ScriptMaps property on its name', async () => {
      const { markdown, range } = await hoverAt(uri, 5, 4);
      assert.ok(markdown.startsWith('**ScriptMaps** (MD_SCRIPT_MAPS, ID 6014)'), markdown);
      assert.ok(markdown.includes('Set here on IIsWebService `/LM/W3SVC`'), markdown);
      assert.deepStrictEqual(rangeOf(range), [5, 2, 5, 12]);
    });

    it('describes any other property from the schema', async () => {
      const { markdown } = await hoverAt(uri, 12, 4); // AppPoolId of the IIsWebServer
      assert.strictEqual(markdown, '**AppPoolId** (ID 9101): STRING, inheritable, user type IIS_MD_UT_SERVER, no default.\n\n' +
        'May be set on IIsWebService, IIsWebServer, IIsWebDirectory, IIsWebVirtualDir and untyped keys.');
    });
  });

  describe('the schema', () => {
    it('checks every property of a key, fixes a misspelt name, and explains a flag set', async () => {
      const document = await show('schema/MetaBase.xml');
      const uri = document.uri;
      await expectDiagnostics(uri, [
        [4, 2, 4, 12, 'property-unknown', 'warning'],
        [5, 2, 5, 16, 'property-not-allowed', 'warning'],
        [5, 18, 5, 21, 'bool-value', 'error'],
        [6, 29, 6, 37, 'flagset-unknown-name', 'error'],
      ], 'the diagnostics of schema/MetaBase.xml');

      const misspelt = findDiagnostic(uri, 'property-unknown');
      const rename = await codeActions(uri, misspelt.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(rename.map((a) => [a.title, a.isPreferred]), [['Change to AccessFlags', true]]);
      await apply(rename[0]);
      assert.strictEqual(document.lineAt(4).text, '\t\tAccessFlags="513"');
      // Now a known flag set, its number is advice: IIS writes the names.
      await expectDiagnostics(uri, [
        [4, 15, 4, 18, 'flagset-number', 'information'],
        [5, 2, 5, 16, 'property-not-allowed', 'warning'],
        [5, 18, 5, 21, 'bool-value', 'error'],
        [6, 29, 6, 37, 'flagset-unknown-name', 'error'],
      ], 'the property-unknown diagnostic to go after the quick fix');

      const { markdown, range } = await hoverAt(uri, 6, 20); // in AuthFlags' value
      assert.ok(markdown.startsWith('**AuthFlags** (ID 6000): DWORD flag set, inheritable'), markdown);
      for (const line of ['- ☑ **1** `AuthAnonymous`', '- ☐ **4** `AuthNTLM`']) {
        assert.ok(markdown.split('\n').includes(line), `hover lacks the line ${line}:\n${markdown}`);
      }
      assert.deepStrictEqual(rangeOf(range), [6, 13, 6, 37], 'the hover covers the value');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });

  describe('a server\'s own MBSchema.xml', () => {
    it('is read from beside the metabase: its property is known, with its range, did-you-mean and hover', async () => {
      const uri = (await show('userschema/MetaBase.xml')).uri;
      // Published first against IIS's schema (three property-unknown), then against the one beside the file.
      await expectDiagnostics(uri, [
        [8, 22, 8, 23, 'dword-range', 'warning'],
        [12, 2, 12, 19, 'property-unknown', 'warning'],
      ], 'the diagnostics of userschema/MetaBase.xml against its own schema');
      const rename = await codeActions(uri, findDiagnostic(uri, 'property-unknown').range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(rename.map((a) => a.title), ['Change to ContosoRewriteMode']);
      const { markdown } = await hoverAt(uri, 4, 4);
      assert.ok(markdown.startsWith('**ContosoRewriteMode** (ID 60001): DWORD'), markdown);
    });
  });

  describe('quick fixes', () => {
    it('quotes an unquoted CGI path and sets numeric flags; the saved file keeps its BOM and CRLF', async () => {
      const document = await show('quickfix/MetaBase.xml');
      const uri = document.uri;
      await expectDiagnostics(uri, [
        [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
        [7, 42, 7, 44, 'flags-not-a-number', 'error'],
        [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
        [8, 44, 8, 47, 'verb-case', 'warning'],
      ], 'the diagnostics of quickfix/MetaBase.xml');

      const path1 = findDiagnostic(uri, 'unquoted-exe-path');
      const quote = await codeActions(uri, path1.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(quote.map((a) => a.title), ['Put the path in quotes']);
      assert.strictEqual(quote[0].isPreferred, true);
      assert.ok(quote[0].kind && vscode.CodeActionKind.QuickFix.contains(quote[0].kind));
      // (vscode.executeCodeActionProvider does not hand back the actions' diagnostics; the range says which.)
      await apply(quote[0]);
      // The quoted path adds 12 characters (two &quot;) before the rest of line 6.
      await expectDiagnostics(uri, [
        [7, 42, 7, 44, 'flags-not-a-number', 'error'],
        [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
        [8, 44, 8, 47, 'verb-case', 'warning'],
      ], 'the unquoted-exe-path diagnostic to go after the quick fix');

      const flags = findDiagnostic(uri, 'flags-not-a-number');
      const setFlags = await codeActions(uri, flags.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(setFlags.map((a) => a.title), [
        'Set flags to 5 (script, check path info)', 'Set flags to 1 (script)', 'Set flags to 4 (check path info)',
        'Set flags to 0 (execute only)',
      ]);
      assert.ok(setFlags.every((a) => !a.isPreferred), 'no flags value is preferred: the fix-all leaves them alone');
      await apply(setFlags[1]);
      await expectDiagnostics(uri, [
        [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
        [8, 44, 8, 47, 'verb-case', 'warning'],
      ], 'the flags-not-a-number diagnostic to go after the quick fix');

      assert.strictEqual(document.isDirty, true);
      await save(document);
      assertSameBytes(uri, 'quickfix/fixed.expected.xml');
      assert.ok(fs.readFileSync(uri.fsPath).subarray(0, 3).equals(BOM), 'the BOM is kept on save');
    });

    it('offers no quick fix where there is no problem', async () => {
      const document = await show('MetaBase.xml');
      await waitFor('diagnostics of MetaBase.xml', () => (ours(document.uri).length ? true : undefined));
      const actions = await codeActions(document.uri, new vscode.Range(5, 15, 5, 15), vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(actions.map((a) => a.title), []);
    });
  });

  describe('fix all', () => {
    it('the lightbulb lists fix-all without computing it; choosing it (resolve) brings the edit', async () => {
      const document = await show('fixall/MetaBase.xml');
      const uri = document.uri;
      const diagnostics = await expectDiagnostics(uri, [
        [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
        [7, 42, 7, 44, 'flags-not-a-number', 'error'],
        [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
        [8, 44, 8, 47, 'verb-case', 'warning'],
      ], 'the diagnostics of fixall/MetaBase.xml');
      const range = diagnostics[3].range;
      // No kind and no resolve count: what the lightbulb asks for on a cursor move.
      const listed = (await codeActions(uri, range)).find((a) => a.kind?.value === FIX_ALL);
      assert.ok(listed, 'the lightbulb lists fix-all');
      assert.strictEqual(listed.edit, undefined, 'fix-all comes without its edit: nothing computed until it is chosen');
      const resolved = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, undefined, 10);
      const chosen = resolved.find((a) => a.kind?.value === FIX_ALL);
      assert.ok(chosen?.edit, 'resolving fix-all computes its edit');
      assert.ok(chosen.edit.get(uri).length > 0, 'the resolved fix-all edits the document');
    });

    it('source.fixAll.iis-metabase applies every preferred fix; saved, it equals the expected file', async () => {
      const document = await show('fixall/MetaBase.xml');
      const uri = document.uri;
      await expectDiagnostics(uri, [
        [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
        [7, 42, 7, 44, 'flags-not-a-number', 'error'],
        [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
        [8, 44, 8, 47, 'verb-case', 'warning'],
      ], 'the diagnostics of fixall/MetaBase.xml');
      const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
      const actions = await codeActions(uri, whole, FIX_ALL);
      assert.deepStrictEqual(actions.map((a) => [a.title, a.kind?.value]), [['Fix all auto-fixable metabase problems', FIX_ALL]]);
      // The parent kind finds it too (what editor.codeActionsOnSave: source.fixAll asks for).
      const parent = await codeActions(uri, whole, vscode.CodeActionKind.SourceFixAll.value);
      assert.deepStrictEqual(parent.map((a) => a.kind?.value), [FIX_ALL]);

      await apply(actions[0]);
      await save(document);
      assertSameBytes(uri, 'fixall/fixed.expected.xml');
      // What is left has no safe fix: the flags value is a choice.
      await expectDiagnostics(uri, [[7, 42, 7, 44, 'flags-not-a-number', 'error']], 'only flags-not-a-number after fix-all');
      const again = await codeActions(uri, whole, FIX_ALL);
      assert.deepStrictEqual(again.map((a) => a.title), [], 'fix-all is idempotent');
    });

    it('runs from editor.codeActionsOnSave and keeps LF without a BOM', async () => {
      const document = await show('fixall-lf/metabase.xml');
      const uri = document.uri;
      assert.strictEqual(document.eol, vscode.EndOfLine.LF);
      await expectDiagnostics(uri, [
        [9, 44, 9, 49, 'verb-spaces', 'warning'],
        [9, 50, 9, 55, 'verb-spaces', 'warning'],
        [10, 7, 10, 41, 'unquoted-exe-path', 'error'],
      ], 'the diagnostics of fixall-lf/metabase.xml');
      const editor = vscode.workspace.getConfiguration('editor', { uri, languageId: LANGUAGE_ID });
      await editor.update('codeActionsOnSave', { [FIX_ALL]: 'explicit' }, vscode.ConfigurationTarget.WorkspaceFolder, true);
      try {
        await waitFor('the codeActionsOnSave setting to apply', () => {
          const value = vscode.workspace.getConfiguration('editor', { uri, languageId: LANGUAGE_ID }).get<Record<string, string>>('codeActionsOnSave');
          return value?.[FIX_ALL] === 'explicit' ? true : undefined;
        });
        // An edit makes the document dirty; a save with nothing to save would not run the participants.
        await replaceOnLine(document, 4, 'AccessRead', 'AccessRead ');
        await replaceOnLine(document, 4, 'AccessRead ', 'AccessRead');
        assert.strictEqual(document.isDirty, true);
        await vscode.window.showTextDocument(document, { preview: false });
        await vscode.commands.executeCommand('workbench.action.files.save'); // an explicit save, as Ctrl+S
        await waitFor('the save to finish', () => (document.isDirty ? undefined : true));
      } finally {
        await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.WorkspaceFolder, true);
      }
      assertSameBytes(uri, 'fixall-lf/fixed.expected.xml');
      assert.ok(!fs.readFileSync(uri.fsPath).subarray(0, 3).equals(BOM), 'no BOM is added');
      await expectDiagnostics(uri, [], 'no diagnostics after the fix-all on save');
    });
  });

  describe('settings', () => {
    it('iisMetabase.trace.server alone traces the protocol into the "IIS Metabase" channel; off stops it', async () => {
      const uri = (await show('MetaBase.xml')).uri;
      const log = outputLogFile();
      const traced = () => fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes("Sending request 'textDocument/hover")).length;
      const config = () => vscode.workspace.getConfiguration('iisMetabase');
      const before = traced();
      await config().update('trace.server', 'messages', vscode.ConfigurationTarget.Global);
      try {
        await waitFor('a traced hover request in the channel', async () => {
          await hoverAt(uri, 12, 4);
          return traced() > before ? true : undefined;
        }, () => `${traced()} traced hover requests in ${log}`);
      } finally {
        await config().update('trace.server', undefined, vscode.ConfigurationTarget.Global);
      }
      const off = traced();
      for (let i = 0; i < 3; i++) await hoverAt(uri, 12, 4);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the channel's file is written behind
      assert.strictEqual(traced(), off, 'no trace line once the setting is off');
    });

    const BASELINE: Expected[] = [
      [7, 42, 7, 44, 'flags-not-a-number', 'error'],
      [8, 50, 8, 53, 'verb-case', 'warning'],
    ];
    let uri: vscode.Uri;
    before(async () => {
      uri = (await show('settings/MetaBase.xml')).uri;
    });
    afterEach(async () => {
      for (const key of ['rules.flags-not-a-number', 'rules.verb-case', 'enable']) await setSetting(uri, key, undefined);
    });

    it('iisMetabase.rules.<id> = off removes that diagnostic, and restoring it brings it back', async () => {
      await expectDiagnostics(uri, BASELINE, 'the diagnostics of settings/MetaBase.xml');
      await setSetting(uri, 'rules.flags-not-a-number', 'off');
      assert.strictEqual(vscode.workspace.getConfiguration('iisMetabase', uri).get('rules.flags-not-a-number'), 'off');
      await expectDiagnostics(uri, [[8, 50, 8, 53, 'verb-case', 'warning']], 'flags-not-a-number to go when set to off');
      const hover = await hoverAt(uri, 7, 43);
      assert.ok(!hover.markdown.includes('**flags-not-a-number**'), `an off rule is not named in hovers:\n${hover.markdown}`);
      await setSetting(uri, 'rules.flags-not-a-number', undefined);
      await expectDiagnostics(uri, BASELINE, 'flags-not-a-number to come back when the setting is removed');
    });

    it('iisMetabase.rules.<id> changes the severity', async () => {
      await expectDiagnostics(uri, BASELINE, 'the diagnostics of settings/MetaBase.xml');
      await setSetting(uri, 'rules.verb-case', 'error');
      await setSetting(uri, 'rules.flags-not-a-number', 'information');
      await expectDiagnostics(uri, [
        [7, 42, 7, 44, 'flags-not-a-number', 'information'],
        [8, 50, 8, 53, 'verb-case', 'error'],
      ], 'the new severities');
      await setSetting(uri, 'rules.verb-case', undefined);
      await setSetting(uri, 'rules.flags-not-a-number', undefined);
      await expectDiagnostics(uri, BASELINE, 'the default severities again');
    });

    it('iisMetabase.enable = false removes every diagnostic', async () => {
      await expectDiagnostics(uri, BASELINE, 'the diagnostics of settings/MetaBase.xml');
      await setSetting(uri, 'enable', false);
      await expectDiagnostics(uri, [], 'no diagnostics with iisMetabase.enable = false');
      await setSetting(uri, 'enable', undefined);
      await expectDiagnostics(uri, BASELINE, 'the diagnostics again with iisMetabase.enable restored');
    });
  });

  describe('language server lifecycle', () => {
    let document: vscode.TextDocument;
    before(async () => {
      document = await show('restart/MetaBase.xml');
    });
    after(async () => {
      // Leave no dirty editor behind.
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('iisMetabase.restartServer starts a new server that validates edits', async function () {
      if (process.platform !== 'linux') this.skip(); // finds the server process in /proc
      this.timeout(120_000);
      const uri = document.uri;
      await expectDiagnostics(uri, [[5, 42, 5, 44, 'flags-not-a-number', 'error']], 'the diagnostics of restart/MetaBase.xml');
      const before = await waitFor('one running language server', onlyServerPid, () => JSON.stringify(serverPids()));

      const log = outputLogFile();
      const restartLines = () => fs.readFileSync(log, 'utf8').split('\n').filter((l) => / running \(.*, restarted on request\)$/.test(l)).length;
      const linesBefore = restartLines();
      await vscode.commands.executeCommand('iisMetabase.restartServer');
      const after = await waitFor('a new language server after the restart command',
        () => { const pid = onlyServerPid(); return pid !== undefined && pid !== before ? pid : undefined; },
        () => JSON.stringify(serverPids()));
      assert.notStrictEqual(after, before);
      // The channel says what happened in words of its own, beside the library's "Server process exited successfully".
      await waitFor('a line in the channel saying the server was restarted on request',
        () => restartLines() > linesBefore ? true : undefined, () => fs.readFileSync(log, 'utf8').split('\n').slice(-8).join('\n'));

      await replaceOnLine(document, 5, ',5x,GET,', ',5,get,');
      await expectDiagnostics(uri, [[5, 44, 5, 47, 'verb-case', 'warning']], 'the new server to validate the edit');
    });

    it('a killed server is restarted by the client and validates edits', async function () {
      if (process.platform !== 'linux') this.skip();
      this.timeout(120_000);
      const uri = document.uri;
      await expectDiagnostics(uri, [[5, 44, 5, 47, 'verb-case', 'warning']], 'the diagnostics before the kill');
      const victim = await waitFor('one running language server', onlyServerPid, () => JSON.stringify(serverPids()));
      process.kill(victim, 'SIGKILL');
      await waitFor(`server ${victim} to be gone`, () => (serverPids().includes(victim) ? undefined : true));

      // Edited while no server runs: the restarted server gets the whole text on its didOpen.
      await replaceOnLine(document, 5, '.php,', 'php,');
      const expected: Expected[] = [
        [5, 3, 5, 6, 'extension-missing-dot', 'warning'],
        [5, 43, 5, 46, 'verb-case', 'warning'],
      ];
      await expectDiagnostics(uri, expected, 'diagnostics from the restarted server');
      const revived = await waitFor('the restarted language server process',
        () => { const pid = onlyServerPid(); return pid !== undefined && pid !== victim ? pid : undefined; },
        () => JSON.stringify(serverPids()));
      assert.notStrictEqual(revived, victim);
      const hover = await hoverAt(uri, 5, 4);
      assert.ok(hover.markdown.includes('| Extension | `php` |'), `the restarted server answers hovers:\n${hover.markdown}`);
      // And keeps validating further edits.
      await replaceOnLine(document, 5, ',get,', ',GET,');
      await expectDiagnostics(uri, [expected[0]], 'the restarted server to validate another edit');
    });
  });
});

// navigation/MetaBase.xml (BOM + CRLF, no findings): a site with ROOT, a vdir `app` (pool Shop) with a
// directory `img`, and the pools DefaultAppPool and Shop. Lines are 0-based, as VS Code counts them.
describe('IIS Metabase in VS Code: navigation', () => {
  let document: vscode.TextDocument;
  before(async () => {
    document = await show('navigation/MetaBase.xml');
  });
  after(async () => {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  /** The symbols once the server answers (the first request may come before the client is ready). */
  const symbolsOf = (uri: vscode.Uri) => waitFor('document symbols from the server', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
    return symbols?.length ? symbols : undefined;
  });

  it('the Outline shows the metabase tree, the site by its ServerComment', async () => {
    const symbols = await symbolsOf(document.uri);
    const tree = (list: vscode.DocumentSymbol[]): unknown[] => list.map((s) => (s.children.length ? [s.name, s.detail, tree(s.children)] : [s.name, s.detail]));
    assert.deepStrictEqual(tree(symbols), [
      ['/LM', 'IIsComputer', [
        ['W3SVC', 'IIsWebService', [
          ['Default Web Site (1)', 'IIsWebServer', [['ROOT', 'IIsWebVirtualDir', [['app', 'IIsWebVirtualDir', [['img', 'IIsWebDirectory']]]]]]],
          ['AppPools', 'IIsApplicationPools', [['DefaultAppPool', 'IIsApplicationPool'], ['Shop', 'IIsApplicationPool']]],
        ]],
      ]],
    ]);
    const site = symbols[0].children[0].children[0];
    // The site's range holds its keys' elements (lines 9 to 27); its selection is its Location value.
    assert.deepStrictEqual([rangeOf(site.range), rangeOf(site.selectionRange)], [[9, 0, 27, 18], [9, 25, 9, 36]]);
  });

  it('F12 on an AppPoolId opens the pool\'s key', async () => {
    await symbolsOf(document.uri);
    const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider', document.uri, new vscode.Position(10, 16));
    assert.strictEqual(found.length, 1, JSON.stringify(found));
    const target = found[0];
    const [uri, range] = 'targetUri' in target ? [target.targetUri, target.targetSelectionRange ?? target.targetRange] : [target.uri, target.range];
    assert.strictEqual(uri.toString(), document.uri.toString());
    assert.deepStrictEqual(rangeOf(range), [31, 31, 31, 64]);
    assert.strictEqual(document.getText(range), '/LM/W3SVC/AppPools/DefaultAppPool');
    // What the editor does on F12: opens the target, the cursor at the start of the pool's Location.
    await vscode.commands.executeCommand('editor.action.goToLocations', document.uri, new vscode.Position(10, 16), [new vscode.Location(uri, range)], 'goto', '');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === document.uri.toString());
    assert.deepStrictEqual(rangeOf(editor.selection), [31, 31, 31, 31]);
  });

  it('F2 on a vdir\'s Location renames its subtree: its Location, its directory\'s and its AppRoot', async () => {
    await symbolsOf(document.uri);
    const before = document.getText();
    const at = new vscode.Position(19, 46);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, at, 'shop');
    assert.deepStrictEqual(edit.entries().map(([uri, edits]) => [uri.toString(), edits.length]), [[document.uri.toString(), 3]]);
    assert.strictEqual(await vscode.workspace.applyEdit(edit), true);
    assert.strictEqual(document.getText(), before.replace(/\/LM\/W3SVC\/1\/ROOT\/app/g, '/LM/W3SVC/1/ROOT/shop'));
    // A name another key has is refused with the reason.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, new vscode.Position(25, 40), '/LM/W3SVC/1/ROOT/shop')),
      /would give a key the Location '\/LM\/W3SVC\/1\/ROOT\/shop', which an IIsWebVirtualDir key has already/);
  });
});

describe('the other list properties', () => {
  it('checks ServerBindings and HttpErrors item by item, fixes a binding, and breaks an item into its fields', async () => {
    const document = await show('lists/MetaBase.xml');
    const uri = document.uri;
    await expectDiagnostics(uri, [
      [5, 3, 5, 8, 'bindings-field-count', 'error'],
      [6, 25, 6, 40, 'httperrors-path', 'warning'],
    ], 'the diagnostics of lists/MetaBase.xml');

    const binding = findDiagnostic(uri, 'bindings-field-count');
    const fixes = await codeActions(uri, binding.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepStrictEqual(fixes.map((a) => [a.title, a.isPreferred]), [["Write ':8080:'", true]]);
    await apply(fixes[0]);
    assert.strictEqual(document.lineAt(5).text, '\t\t\t:8080:"');
    await expectDiagnostics(uri, [[6, 25, 6, 40, 'httperrors-path', 'warning']], 'the bindings-field-count diagnostic to go after the quick fix');

    const { markdown, range } = await hoverAt(uri, 4, 20); // in the first binding, ':80:'
    assert.ok(markdown.startsWith('**Server binding (HTTP)** (ServerBindings: `IP:Port:Host`)'), markdown);
    assert.ok(markdown.split('\n').includes('| IP address | (empty) | All Unassigned: every address of the server |'), markdown);
    assert.deepStrictEqual(rangeOf(range), [4, 18, 4, 22], 'the hover covers the item');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('completion and list actions', () => {
  let document: vscode.TextDocument;
  before(async () => {
    document = await show('editing/MetaBase.xml');
  });
  afterEach(async () => {
    // Each test starts from the fixture as saved.
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Ctrl+Space in a start tag being typed offers the key type\'s property names, replacing the partial word', async function () {
    this.timeout(60_000);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(5, 0), '\t\tAcc\r\n');
    assert.strictEqual(await vscode.workspace.applyEdit(edit), true);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(5, 5));
    const access = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'AccessFlags');
    assert.ok(access, `AccessFlags among ${list.items.slice(0, 20).map((i) => JSON.stringify(i.label)).join(', ')}`);
    const range = access.range instanceof vscode.Range ? access.range : access.range?.replacing;
    assert.deepStrictEqual(rangeOf(range), [5, 2, 5, 5]);
    assert.strictEqual(access.insertText instanceof vscode.SnippetString ? access.insertText.value : access.insertText, 'AccessFlags="${1:AccessRead}"');
    assert.ok(!list.items.some((i) => i.label === 'AppPoolId'), 'the key sets AppPoolId already');
  });

  it('"Move item up" on a ScriptMaps item swaps two items and keeps CRLF and indentation; the list is copied as an ADSI script (an item holds quotes)', async function () {
    this.timeout(60_000);
    await expectDiagnostics(document.uri, [], 'the diagnostics of editing/MetaBase.xml');
    const at = new vscode.Range(7, 5, 7, 5);
    const actions = await codeActions(document.uri, at);
    const up = actions.find((a) => a.title === 'Move item up');
    assert.ok(up, `offered: ${actions.map((a) => a.title).join(', ')}`);
    await apply(up);
    const lines = fs.readFileSync(document.uri.fsPath, 'utf8').split('\r\n');
    lines[6] = '\t\t\t.cer,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
    lines[7] = '\t\t\t.pl,&quot;C:\\Perl\\bin\\perl.exe&quot; &quot;%s&quot; %s,5,GET,HEAD,POST"';
    assert.strictEqual(document.getText(), lines.join('\r\n'));
    const copy = (await codeActions(document.uri, at)).find((a) => a.title === 'Copy as ADSI script (VBScript)');
    assert.ok(copy?.command, 'the copy action runs a command');
    assert.strictEqual(copy.command.command, 'iisMetabase.copyToClipboard');
    await vscode.commands.executeCommand(copy.command.command, ...(copy.command.arguments ?? []));
    const copied = await vscode.env.clipboard.readText();
    assert.strictEqual(copied, copy.command.arguments?.[0]);
    assert.match(copied, /^Set key = GetObject\("IIS:\/\/localhost\/W3SVC\/1\/ROOT"\)\nkey\.ScriptMaps = Array\( _\n {2}"\.asp,/);
  });
});

// Inheritance and the checks across keys (issue 11): the diagnostics of another key's making, the hover with
// the effective ScriptMaps, go to definition, the code lens, and the fix that allows a processor.
describe('inheritance and the checks across keys', () => {
  let document: vscode.TextDocument;
  before(async () => {
    document = await show('inherit/MetaBase.xml');
  });
  after(async () => {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the checks across keys on their characters, with related information in the other key', async () => {
    const diagnostics = await expectDiagnostics(document.uri, [
      [24, 18, 24, 22, 'binding-duplicate', 'error'],
      [33, 13, 33, 20, 'apppool-missing', 'error'],
      [34, 11, 34, 32, 'approot-mismatch', 'warning'],
      [35, 2, 35, 12, 'scriptmaps-override-drops', 'information'],
      [36, 8, 36, 26, 'scriptmap-not-allowed', 'warning'],
      [37, 7, 37, 27, 'scriptmap-not-allowed', 'warning'],
      [37, 34, 37, 35, 'scriptmap-needs-execute', 'warning'],
    ], 'the diagnostics of inherit/MetaBase.xml');
    assert.deepStrictEqual(diagnostics.map((d) => document.getText(d.range)),
      [':80:', 'PhpPool', '/LM/W3SVC/1/ROOT/blog', 'ScriptMaps', 'C:\\php\\php-cgi.exe', 'C:\\Perl\\bin\\perl.exe', '0']);
    assert.deepStrictEqual(diagnostics[0].relatedInformation?.map((i) => rangeOf(i.location.range)), [[20, 18, 20, 22]]);
  });

  it('hover on a key that inherits: the effective ScriptMaps and the key each item comes from', async () => {
    const hover = await hoverAt(document.uri, 27, 30);
    assert.ok(hover.markdown.includes('**Effective ScriptMaps**: 2 items, inherited from /LM/W3SVC.'), hover.markdown);
    assert.ok(hover.markdown.includes('| .aspx | C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll | 1 | /LM/W3SVC |'), hover.markdown);
  });

  it('go to definition from a key to the ScriptMaps it inherits', async () => {
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider', document.uri, new vscode.Position(27, 3));
    // The ScriptMaps that apply, and the parent key's Location (navigation), in the order VS Code sorts them.
    assert.deepStrictEqual(locations.map((l) => 'uri' in l ? [l.uri.toString(), rangeOf(l.range)] : [l.targetUri.toString(), rangeOf(l.targetSelectionRange ?? l.targetRange)]),
      [[document.uri.toString(), [5, 2, 5, 12]], [document.uri.toString(), [19, 25, 19, 36]]]);
  });

  it('a code lens on the ScriptMaps that replaces the inherited list', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.deepStrictEqual(lenses.map((l) => [rangeOf(l.range), l.command?.title]),
      [[[35, 2, 35, 12], 'replaces the 2 items inherited from /LM/W3SVC: drops .aspx; adds .php, .pl']]);
  });

  it('the fix for a processor that is not allowed adds an allow entry on /LM/W3SVC', async () => {
    const diagnostic = ours(document.uri).find((d) => codeOf(d) === 'scriptmap-not-allowed' && d.range.start.line === 36)!;
    const actions = await codeActions(document.uri, diagnostic.range);
    const allow = actions.find((a) => a.title === "Allow 'C:\\php\\php-cgi.exe' in WebSvcExtRestrictionList");
    assert.ok(allow, JSON.stringify(actions.map((a) => a.title)));
    await apply(allow);
    assert.strictEqual(document.lineAt(11).text, '\t\t\t1,C:\\php\\php-cgi.exe,1,php-cgi,php-cgi"');
    const notAllowed = () => ours(document.uri).filter((d) => codeOf(d) === 'scriptmap-not-allowed').map((d) => document.getText(d.range));
    await waitFor('the 404.2 warning on .php to go, the one on .pl to stay',
      () => (JSON.stringify(notAllowed()) === JSON.stringify(['C:\\Perl\\bin\\perl.exe']) ? true : undefined), () => JSON.stringify(notAllowed()));
  });
});

describe('export', () => {
  it('"Copy as IIS 7+ handlers" on a key copies its effective handlers to the clipboard', async function () {
    this.timeout(60_000);
    const document = await show('export/MetaBase.xml');
    const expected = fs.readFileSync(fixture('export/handlers.expected.xml').fsPath, 'utf8');
    // On the ROOT key (line 13), which inherits its ScriptMaps from /LM/W3SVC.
    const inKey = new vscode.Range(12, 3, 12, 3);
    const action = await waitFor('the "Copy as IIS 7+ handlers" action on the key', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, inKey);
      return actions.find((a) => a.title === 'Copy as IIS 7+ handlers');
    });
    assert.strictEqual(action.command?.command, 'iisMetabase.copyAsHandlers');
    await vscode.env.clipboard.writeText('');
    const copied = await vscode.commands.executeCommand<string>(action.command.command, ...(action.command.arguments ?? []));
    assert.strictEqual(copied, expected);
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);
    // Outside any key: no such action.
    const outside = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(1, 2, 1, 2));
    assert.deepStrictEqual(outside.filter((a) => a.title.startsWith('Copy as')).map((a) => a.title), []);
  });
});
