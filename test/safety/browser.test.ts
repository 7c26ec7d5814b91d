// The server's shared part (everything under server/src but its two entries, server.ts and browser.ts, the CLI, and
// node/, what only the Node entries use) must run
// in a web worker too: no Node module (packages: vscode-* and fast-xml-parser, which run in browsers), no
// 'vscode-languageserver/node', no Node-only global.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'server', 'src');
const NODE_ONLY = new Set(['process', 'setImmediate', 'clearImmediate', 'Buffer', 'require', '__dirname', '__filename']);

function sharedFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join(SRC, 'cli') || path === join(SRC, 'node') ? [] : sharedFiles(path);
    // The two entries: server.ts is Node's; browser.ts reads a version that esbuild writes in (its bundle is
    // checked as built, in test/web/bundles.test.ts).
    return path.endsWith('.ts') && path !== join(SRC, 'server.ts') && path !== join(SRC, 'browser.ts') ? [path] : [];
  });
}

/** What in `text` ties it to Node: module imports and Node-only globals, as `file:line what`. */
function nodeUses(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const uses: string[] = [];
  const where = (node: ts.Node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (spec.startsWith('node:') || spec.endsWith('/node') || !/^(\.|vscode-|fast-xml-parser$)/.test(spec)) uses.push(`${where(node)} imports ${spec}`);
    } else if (ts.isIdentifier(node) && NODE_ONLY.has(node.text)) {
      const parent = node.parent;
      const isMemberName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isMemberName) uses.push(`${where(node)} uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

describe('the shared server code runs in a browser', () => {
  it('imports no Node module and uses no Node-only global', () => {
    const files = sharedFiles();
    assert.ok(files.includes(join(SRC, 'lsp.ts')) && files.includes(join(SRC, 'service', 'model', 'document.ts')));
    assert.deepEqual(files.flatMap((f) => nodeUses(f, readFileSync(f, 'utf8'))), []);
  });

  it('the check finds a Node import and a Node global', () => {
    assert.deepEqual(nodeUses(join(SRC, 'x.ts'), "import { a } from 'vscode-languageserver/node';\nsetImmediate(() => process.exit());"),
      ['server/src/x.ts:1 imports vscode-languageserver/node', 'server/src/x.ts:2 uses setImmediate', 'server/src/x.ts:2 uses process']);
  });
});
