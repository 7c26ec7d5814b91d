// The web extension in the web worker extension host of a real VS Code (the VS Code server's headless
// workbench, scripts/e2e/run-web.mjs): the main path of the desktop suite (../extension.test.ts) on the
// same fixtures, read and written through vscode.workspace.fs, per-rule settings, an untitled document
// and documents of github.dev's and vscode.dev's schemes. The first test fails unless this suite and the
// extension both run in the web worker extension host.

import * as vscode from 'vscode';
import {
  EXTENSION_ID, Expected, FIX_ALL, LANGUAGE_ID, apply, check, codeActions, expectDiagnostics, findDiagnostic,
  fixture, hoverAt, rangeOf, replaceOnLine, show, waitFor,
} from '../helpers';

const MARKER = '\u2063e2e\u2063';

async function bytes(relative: string): Promise<string> {
  return JSON.stringify(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(relative))));
}

/** A read-only file system of one file, standing in for github.dev's (vscode-vfs) or vscode.dev's test one. */
class MemoryFiles implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  constructor(private readonly file: vscode.Uri, private readonly content: Uint8Array) {}
  stat(uri: vscode.Uri): vscode.FileStat {
    const now = Date.now();
    if (uri.path === this.file.path) return { type: vscode.FileType.File, ctime: now, mtime: now, size: this.content.length };
    if (this.file.path.startsWith(`${uri.path.replace(/\/$/, '')}/`)) return { type: vscode.FileType.Directory, ctime: now, mtime: now, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    if (uri.path !== this.file.path) throw vscode.FileSystemError.FileNotFound(uri);
    return this.content;
  }
  readDirectory(): [string, vscode.FileType][] { return []; }
  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }
  createDirectory(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  writeFile(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  delete(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  rename(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
}

describe('IIS Metabase in the browser (web worker extension host)', () => {
  it('runs in the web worker extension host, with the extension', () => {
    const scope = globalThis as { importScripts?: unknown; process?: unknown };
    check.equal(typeof scope.importScripts, 'function', 'the suite runs in a web worker');
    check.equal(typeof scope.process, 'undefined', 'no Node process object in the suite\'s host');
    check.equal(vscode.env.uiKind, vscode.UIKind.Web, 'the web workbench');
    // getExtension sees only the extensions of the calling extension host.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    check.ok(extension, `${EXTENSION_ID} does not run in the suite's extension host (the web worker)`);
    check.equal(extension.extensionKind, vscode.ExtensionKind.UI, 'a local (web worker) extension');
  });

  it('diagnostics for MetaBase.xml, on the exact characters', async () => {
    const opened = Date.now();
    const document = await show('MetaBase.xml');
    check.equal(document.languageId, LANGUAGE_ID, 'the language of MetaBase.xml');
    await expectDiagnostics(document.uri, [
      [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
      [7, 42, 7, 44, 'flags-not-a-number', 'error'],
      [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
      [8, 44, 8, 47, 'verb-case', 'warning'],
    ], 'the diagnostics of MetaBase.xml');
    // Measured from opening the example (the extension activates then) to its diagnostics.
    console.log(`${MARKER}[e2e-web] open to diagnostics: ${Date.now() - opened} ms`);
    check.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'the extension is active in the web worker');
  });

  it('a hover names the bits of the flags', async () => {
    const { markdown, range } = await hoverAt(fixture('MetaBase.xml'), 5, 55);
    check.ok(markdown.startsWith('**Flags** 5 = MD_SCRIPTMAPFLAG_SCRIPT (1) + MD_SCRIPTMAPFLAG_CHECK_PATH_INFO (4)'), markdown);
    check.equal(JSON.stringify(rangeOf(range)), JSON.stringify([5, 55, 5, 56]), 'the hover range');
  });

  it('a quick fix applies', async () => {
    const document = await show('quickfix/MetaBase.xml');
    const uri = document.uri;
    await expectDiagnostics(uri, [
      [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
      [7, 42, 7, 44, 'flags-not-a-number', 'error'],
      [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
      [8, 44, 8, 47, 'verb-case', 'warning'],
    ], 'the diagnostics of quickfix/MetaBase.xml');
    const quote = await codeActions(uri, findDiagnostic(uri, 'unquoted-exe-path').range, vscode.CodeActionKind.QuickFix.value);
    check.equal(JSON.stringify(quote.map((a) => a.title)), JSON.stringify(['Put the path in quotes']), 'the quick fixes');
    await apply(quote[0]);
    await expectDiagnostics(uri, [
      [7, 42, 7, 44, 'flags-not-a-number', 'error'],
      [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
      [8, 44, 8, 47, 'verb-case', 'warning'],
    ], 'the unquoted-exe-path diagnostic to go after the quick fix');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fix-all runs on save (editor.codeActionsOnSave) and the file equals the expected one', async () => {
    const document = await show('fixall-lf/metabase.xml');
    const uri = document.uri;
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
      // The save participant runs in the workbench, which may see the setting after this host does (a
      // cold web host once saved the file unfixed): a save that fixed nothing is tried again, twice at most.
      for (let attempt = 0; attempt < 3; attempt++) {
        await replaceOnLine(document, 4, 'AccessRead', 'AccessRead ');
        await replaceOnLine(document, 4, 'AccessRead ', 'AccessRead');
        await vscode.window.showTextDocument(document, { preview: false });
        await vscode.commands.executeCommand('workbench.action.files.save');
        await waitFor('the save to finish', () => (document.isDirty ? undefined : true));
        if (await bytes('fixall-lf/metabase.xml') === await bytes('fixall-lf/fixed.expected.xml')) break;
      }
    } finally {
      await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.WorkspaceFolder, true);
    }
    check.equal(await bytes('fixall-lf/metabase.xml'), await bytes('fixall-lf/fixed.expected.xml'), 'the saved file');
    await expectDiagnostics(uri, [], 'no diagnostics after the fix-all on save');
  });

  it('an untitled metabase is checked too', async () => {
    const content = '<?xml version="1.0"?>\n<configuration><MBProperty><IIsWebService Location="/LM/W3SVC"\n\tScriptMaps=".asp,C:\\x.dll,5x,GET"\n/></MBProperty></configuration>\n';
    const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
    await vscode.window.showTextDocument(document, { preview: false });
    check.equal(document.uri.scheme, 'untitled', 'an untitled document');
    const expected: Expected[] = [[2, 27, 2, 29, 'flags-not-a-number', 'error']];
    await expectDiagnostics(document.uri, expected, 'the diagnostics of an untitled document');
  });
  it('iisMetabase.rules.<id> turns a rule off and changes a severity', async () => {
    const uri = (await show('settings/MetaBase.xml')).uri;
    const baseline: Expected[] = [
      [7, 42, 7, 44, 'flags-not-a-number', 'error'],
      [8, 50, 8, 53, 'verb-case', 'warning'],
    ];
    const config = () => vscode.workspace.getConfiguration('iisMetabase', uri);
    await expectDiagnostics(uri, baseline, 'the diagnostics of settings/MetaBase.xml');
    try {
      await config().update('rules.flags-not-a-number', 'off', vscode.ConfigurationTarget.WorkspaceFolder);
      await config().update('rules.verb-case', 'error', vscode.ConfigurationTarget.WorkspaceFolder);
      await expectDiagnostics(uri, [[8, 50, 8, 53, 'verb-case', 'error']], 'flags-not-a-number off, verb-case an error');
    } finally {
      await config().update('rules.flags-not-a-number', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await config().update('rules.verb-case', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await expectDiagnostics(uri, baseline, 'the default severities again');
  });

  it('a server\'s own MBSchema.xml beside the metabase is read through vscode.workspace.fs', async () => {
    const uri = (await show('userschema/MetaBase.xml')).uri;
    await expectDiagnostics(uri, [
      [8, 22, 8, 23, 'dword-range', 'warning'],
      [12, 2, 12, 19, 'property-unknown', 'warning'],
    ], 'the diagnostics of userschema/MetaBase.xml against its own schema');
    const { markdown } = await hoverAt(uri, 4, 4);
    check.ok(markdown.startsWith('**ContosoRewriteMode** (ID 60001): DWORD'), markdown);
  });

  it('the Outline shows the metabase tree, and F12 on an AppPoolId finds the pool\'s key', async () => {
    const document = await show('navigation/MetaBase.xml');
    const symbols = await waitFor('document symbols from the server', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
      return found?.length ? found : undefined;
    });
    const names = (list: vscode.DocumentSymbol[]): string[] => list.flatMap((s) => [s.name, ...names(s.children)]);
    check.equal(JSON.stringify(names(symbols)), JSON.stringify(
      ['/LM', 'W3SVC', 'Default Web Site (1)', 'ROOT', 'app', 'img', 'AppPools', 'DefaultAppPool', 'Shop']), 'the outline, depth first');
    const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider', document.uri, new vscode.Position(10, 16));
    check.equal(found.length, 1, 'one definition');
    const target = found[0];
    const range = 'targetUri' in target ? target.targetSelectionRange ?? target.targetRange : target.range;
    check.equal(document.getText(range), '/LM/W3SVC/AppPools/DefaultAppPool', 'the definition\'s text');
  });

  it('completion in a start tag being typed, and a list action that moves an item', async () => {
    const document = await show('editing/MetaBase.xml');
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(5, 0), '\t\tAcc\r\n');
      check.equal(await vscode.workspace.applyEdit(edit), true, 'the edit applies');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(5, 5));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      check.ok(labels.includes('AccessFlags'), `AccessFlags among ${labels.slice(0, 20).join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await expectDiagnostics(document.uri, [], 'the diagnostics of editing/MetaBase.xml');
      const actions = await codeActions(document.uri, new vscode.Range(7, 5, 7, 5));
      const up = actions.find((a) => a.title === 'Move item up');
      check.ok(up, `offered: ${actions.map((a) => a.title).join(', ')}`);
      await apply(up);
      check.equal(document.lineAt(6).text, '\t\t\t.cer,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE', 'line 7 after the move');
    } finally {
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('the effective ScriptMaps on a key, and a key copied as IIS 7+ handlers to the clipboard', async () => {
    const inherit = await show('inherit/MetaBase.xml');
    const { markdown } = await hoverAt(inherit.uri, 27, 30);
    check.ok(markdown.includes('**Effective ScriptMaps**: 2 items, inherited from /LM/W3SVC.'), markdown);
    const document = await show('export/MetaBase.xml');
    const expected = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('export/handlers.expected.xml')));
    const action = await waitFor('the "Copy as IIS 7+ handlers" action on the key', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(12, 3, 12, 3));
      return actions.find((a) => a.title === 'Copy as IIS 7+ handlers');
    });
    check.ok(action.command, 'the action runs a command');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    check.equal(await vscode.env.clipboard.readText(), expected, 'the clipboard');
  });

  for (const scheme of ['vscode-vfs', 'vscode-test-web']) {
    it(`a MetaBase.xml on ${scheme}:// is checked and hovered`, async () => {
      const uri = vscode.Uri.from({ scheme, authority: 'github', path: '/owner/repo/MetaBase.xml' });
      const files = new MemoryFiles(uri, await vscode.workspace.fs.readFile(fixture('MetaBase.xml')));
      const registration = vscode.workspace.registerFileSystemProvider(scheme, files, { isReadonly: true });
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { preview: false });
        check.equal(document.languageId, LANGUAGE_ID, `the language of ${uri.toString()}`);
        await expectDiagnostics(uri, [
          [6, 7, 6, 41, 'unquoted-exe-path', 'error'],
          [7, 42, 7, 44, 'flags-not-a-number', 'error'],
          [8, 3, 8, 5, 'extension-missing-dot', 'warning'],
          [8, 44, 8, 47, 'verb-case', 'warning'],
        ], `the diagnostics of ${uri.toString()}`);
        const { range } = await hoverAt(uri, 5, 55);
        check.equal(JSON.stringify(rangeOf(range)), JSON.stringify([5, 55, 5, 56]), 'the hover range');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      } finally {
        registration.dispose();
      }
    });
  }
});
