// Helpers for the CLI tests: they run the compiled CLI (not the bundle) as a child process, on files written
// to a fresh temporary folder.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** out/test/cli/ → out/server/src/cli/main.js */
export const CLI = resolve(__dirname, '../../server/src/cli/main.js');
export const REPO = resolve(__dirname, '../../..');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Long enough for the largest test; a CLI that hangs is killed then, and its status is null. */
const TIMEOUT_MS = 20_000;

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const childEnv = { ...process.env, ...env };
  if (!('NO_COLOR' in env)) delete childEnv.NO_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd, env: childEnv, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: Infinity,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The unprivileged user a permission test runs the CLI as when the tests run as root (CI does). */
export const NOBODY = 65534;

/**
 * Runs the CLI where file permissions apply: as `nobody` when the tests run as root (root reads and
 * writes whatever the modes say), with the folder opened to it.
 */
export function runCliWithoutPrivileges(args: string[], cwd: string): CliResult {
  if (process.getuid?.() !== 0) return runCli(args, cwd);
  chmodSync(cwd, statSync(cwd).mode | 0o005);
  // nobody cannot write coverage data where the tests' own user keeps it. (Node copies NODE_V8_COVERAGE
  // into a child's environment unless the given one has it: empty turns it off.)
  const env = { ...process.env, NODE_V8_COVERAGE: '' };
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd, env, encoding: 'utf8', uid: NOBODY, gid: NOBODY, timeout: TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder, removed when the calling test ends. */
export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'metabase-lint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A metabase as IIS writes it (UTF-8 BOM, CRLF) with one IIsWebVirtualDir carrying `items` as ScriptMaps;
 * items 2..n are indented with three TABs. The ScriptMaps items start on line 5.
 */
export function metabase(items: string[], { bom = true, eol = '\r\n' } = {}): string {
  const lines = [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
    `\t\tScriptMaps="${items.join(`${eol}\t\t\t`)}"`,
    '\t>',
    '</IIsWebVirtualDir>',
    '</MBProperty>',
    '</configuration>',
    '',
  ];
  return (bom ? '\uFEFF' : '') + lines.join(eol);
}

/** `count` virtual directories with 100 unknown empty attributes each (100 property-unknown warnings a key), a line each. */
export function unknownAttributeKeys(count: number): string {
  const attributes = Array.from({ length: 100 }, (_, a) => ` a${a}=""`).join('');
  return Array.from({ length: count }, (_, k) => `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/v${k}"${attributes}/>\n`).join('');
}

export const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
/** Flags '5x' (an error) at line 6, column 43..45 when it is the second item. */
export const PHP_BAD_FLAGS = '.php,C:\\PHP\\php-cgi.exe &quot;%s&quot;,5x,GET,POST';
/** A lower-case verb 'get' (a warning, fixable) at column 51..54 when it is not the first item. */
export const SHTML_LOWER_VERB = '.shtml,C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll,5,get,POST';
