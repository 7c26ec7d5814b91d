// Static checks on the sources: the extension and the language server run no programs, open no network
// connections and evaluate no code (but the one word `gc`, to get V8's collector: server/src/node/collect.ts);
// only the CLI (server/src/cli) touches the file system, to read and
// write the files it is given, and starts threads (its own script, to lint many files at once). The scan walks the TypeScript syntax tree, so comments, strings and
// methods that happen to be called `fetch` do not count.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

const NETWORK_OR_PROCESS = new Set(['child_process', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'cluster', 'worker_threads', 'inspector', 'vm']);
const FILE_SYSTEM = new Set(['fs', 'fs/promises']);
/** Allowed in the CLI alone: it runs its own script in worker threads (--jobs). */
const CLI_THREADS = 'worker_threads';
/** Allowed in this file alone, to evaluate the one word `gc` in a new context (see the test below). */
const COLLECT = 'server/src/node/collect.ts';

interface Use {
  file: string;
  line: number;
  what: string;
}

function moduleName(spec: string): string {
  return spec.replace(/^node:/, '');
}

/** Every module the file loads (import, export from, import =, require(), import()) and every banned call. */
export function scanSource(file: string, text: string): { modules: Use[]; banned: Use[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const modules: Use[] = [];
  const banned: Use[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      modules.push({ file, line: at(node), what: moduleName(node.moduleSpecifier.text) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      modules.push({ file, line: at(node), what: moduleName(node.moduleReference.expression.text) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const arg = node.arguments[0];
      if ((callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) && arg) {
        modules.push({ file, line: at(node), what: arg && ts.isStringLiteralLike(arg) ? moduleName(arg.text) : '<dynamic>' });
      }
      const name = ts.isIdentifier(callee) ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['globalThis', 'window', 'self', 'global'].includes(callee.expression.text)
          ? callee.name.text : undefined;
      if (name === 'fetch' || name === 'eval') banned.push({ file, line: at(node), what: `${name}(` });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
      banned.push({ file, line: at(node), what: 'new Function' });
    } else if (ts.isIdentifier(node) && ['XMLHttpRequest', 'WebSocket', 'EventSource'].includes(node.text)) {
      banned.push({ file, line: at(node), what: node.text });
    } else if (ts.isCallExpression(node) === false && ts.isIdentifier(node) && node.text === 'Function' && ts.isCallExpression(node.parent) && node.parent.expression === node) {
      banned.push({ file, line: at(node), what: 'Function(' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { modules, banned };
}

function sourcesUnder(dir: string): string[] {
  let files: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files = files.concat(sourcesUnder(path));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function scanTree(dir: string): { modules: Use[]; banned: Use[] } {
  const modules: Use[] = [];
  const banned: Use[] = [];
  for (const path of sourcesUnder(join(ROOT, dir))) {
    const result = scanSource(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    modules.push(...result.modules);
    banned.push(...result.banned);
  }
  return { modules, banned };
}

const isCli = (u: Use) => u.file.startsWith('server/src/cli/');
const list = (uses: Use[]) => uses.map((u) => `${u.file}:${u.line} ${u.what}`).join('\n');

describe('safety: no I/O outside the CLI', () => {
  const server = scanTree('server/src');
  const client = scanTree('client/src');
  const all = { modules: [...server.modules, ...client.modules], banned: [...server.banned, ...client.banned] };

  it('finds the sources it checks', () => {
    assert.ok(sourcesUnder(join(ROOT, 'server/src/service')).length > 5, 'no sources under server/src/service');
  });

  it('no child_process, http, https, net (or other network or process module) in server/src and client/src', () => {
    const uses = all.modules.filter((u) => (NETWORK_OR_PROCESS.has(u.what) && !(u.what === CLI_THREADS && isCli(u)) && !(u.what === 'vm' && u.file === COLLECT)) ||
      u.what === '<dynamic>');
    assert.deepEqual(uses, [], `modules that run programs or open connections:\n${list(uses)}`);
  });

  it('worker threads in the CLI only', () => {
    const threads = all.modules.filter((u) => u.what === CLI_THREADS);
    assert.ok(threads.length > 0, 'the CLI\'s --jobs no longer uses worker threads: drop the exception');
    assert.deepEqual(threads.filter((u) => !isCli(u)), []);
  });

  it('vm evaluates the word `gc` and nothing else: what gives the Node server V8\'s collector (node/collect.ts)', () => {
    const source = ts.createSourceFile(COLLECT, readFileSync(join(ROOT, COLLECT), 'utf8'), ts.ScriptTarget.ES2022, true);
    const imported: string[] = [];
    const calls: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && moduleName(node.moduleSpecifier.text) === 'vm') {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) imported.push(...bindings.elements.map((e) => e.name.text));
        else imported.push('<all of vm>');
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && imported.includes(node.expression.text)) calls.push(node.getText(source));
      ts.forEachChild(node, visit);
    };
    visit(source);
    assert.deepEqual(imported, ['runInNewContext']);
    assert.deepEqual(calls, ["runInNewContext('gc')"]);
  });

  it('no fetch(, eval(, new Function or XMLHttpRequest in server/src and client/src', () => {
    assert.deepEqual(all.banned, [], `banned calls:\n${list(all.banned)}`);
  });

  it('no fs in server/src/service or client/src', () => {
    const uses = all.modules.filter((u) => FILE_SYSTEM.has(u.what) && (u.file.startsWith('server/src/service/') || u.file.startsWith('client/src/')));
    assert.deepEqual(uses, [], `file system access:\n${list(uses)}`);
  });

  it('the server (server/src outside the CLI) does not import fs at all', () => {
    const uses = server.modules.filter((u) => FILE_SYSTEM.has(u.what) && !isCli(u));
    assert.deepEqual(uses, [], `file system access in the server:\n${list(uses)}`);
  });

  it('the scan itself catches each kind of violation (and ignores comments, strings and methods)', () => {
    const bad = [
      "import { exec } from 'child_process';", "import * as h from 'node:https';", "const n = require('net');",
      "import fs = require('fs');", "const p = import('node:fs/promises');", "fetch('http://x');", "globalThis.fetch(u);",
      "eval('1');", "new Function('return 1');", 'const x = new XMLHttpRequest();', "export { readFile } from 'fs';",
    ];
    for (const line of bad) {
      const r = scanSource('x.ts', line);
      const hit = r.banned.length > 0 || r.modules.some((m) => NETWORK_OR_PROCESS.has(m.what) || FILE_SYSTEM.has(m.what));
      assert.ok(hit, `not caught: ${line}`);
    }
    const fine = "// import fs from 'fs'; fetch(\nconst s = 'child_process eval( new Function';\nthis.fetch(uri);\nsettings.eval;\n";
    const r = scanSource('y.ts', fine);
    assert.deepEqual([r.modules, r.banned], [[], []]);
  });
});
