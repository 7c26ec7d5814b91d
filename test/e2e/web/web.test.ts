// The web extension in the web worker extension host of a real VS Code (the VS Code server's headless
// workbench, scripts/e2e/run-web.sh): the main path of the desktop suite (../extension.test.ts) on the
// same fixtures, read and written through vscode.workspace.fs, plus an untitled document. The extension
// under test has no `main` (scripts/e2e/run-web.mjs drops it), so only the web worker host can run it.

import * as vscode from 'vscode';
import {
  Expected, FIX_ALL, LANGUAGE_ID, apply, check, codeActions, expectDiagnostics, findDiagnostic, fixture,
  hoverAt, rangeOf, replaceOnLine, show, waitFor,
} from '../helpers';

const MARKER = '\u2063e2e\u2063';

async function bytes(relative: string): Promise<string> {
  return JSON.stringify(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(relative))));
}

describe('IIS Metabase in the browser (web worker extension host)', () => {
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
  });

  it('a hover names the bits of the flags', async () => {
    const { markdown, range } = await hoverAt(fixture('MetaBase.xml'), 5, 55);
    check.ok(markdown.startsWith('**Flags** 5: 5 = MD_SCRIPTMAPFLAG_SCRIPT (1) + MD_SCRIPTMAPFLAG_CHECK_PATH_INFO (4)'), markdown);
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
      await replaceOnLine(document, 4, 'AccessRead', 'AccessRead ');
      await replaceOnLine(document, 4, 'AccessRead ', 'AccessRead');
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the save to finish', () => (document.isDirty ? undefined : true));
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
});
