// `metabase-lint diff`: the semantic diff of two metabases, and the same as a git diff driver.

import { parseArgs } from 'node:util';
import { MetabaseDiff, NotWellFormed, diffMetabases, isMeaningful } from '../service/diff';
import { diffJson, diffText } from '../service/diff/format';
import { FileError } from './files';
import { SourceFile, documentOf, readSource } from './source';
import { Io, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './run';

export const DIFF_USAGE = `Usage: metabase-lint diff [options] <old> <new>
       metabase-lint diff --git <path> <old-file> <old-hex> <old-mode> <new-file> <new-hex> <new-mode>

Compares two metabases key by key (matched by Location), property by property, and list item by list
item (ScriptMaps by extension, WebSvcExtRestrictionList by path, ...). The bookkeeping IIS changes on
every save (ChangeNumber, HistoryMajorVersionNumber, XMLSchemaTimeStamp, BINSchemaTimeStamp,
SessionKey) is hidden unless --all is given.

Options:
  --format <text|json>   output format (default: text)
  --all                  show the bookkeeping too
  --git                  run as git's diff.<driver>.command (seven arguments; always exits 0 unless a
                         file cannot be read, because git stops at a non-zero exit: a file that is not
                         well-formed XML gets a line saying so)
  -h, --help             show this help

Exit codes: 0 nothing meaningful changed, 1 something did, 2 bad usage or a file that cannot be read
or is not well-formed XML.
`;

/** What git passes for the side of a file that does not exist (added or deleted). */
const NO_FILE = '/dev/null';

export function runDiff(argv: readonly string[], io: Io): number {
  const fail = (message: string) => {
    io.stderr(`metabase-lint diff: ${message}\n`);
    return EXIT_USAGE;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { format: { type: 'string', default: 'text' }, all: { type: 'boolean', default: false }, git: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    return fail(`${(error as Error).message} (see metabase-lint diff --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(DIFF_USAGE);
    return EXIT_OK;
  }
  if (values.format !== 'text' && values.format !== 'json') return fail(`unknown format '${values.format}' (expected text or json)`);
  const expected = values.git ? 7 : 2;
  if (positionals.length !== expected) {
    return fail(`expected ${values.git ? 'the seven arguments git passes' : 'two files, <old> and <new>'}, got ${positionals.length} (see metabase-lint diff --help)`);
  }
  const [oldPath, newPath] = values.git ? [positionals[1], positionals[4]] : positionals;
  const names = values.git ? { old: `a/${positionals[0]}`, new: `b/${positionals[0]}` } : { old: oldPath, new: newPath };
  let diff: MetabaseDiff;
  let before: SourceFile | undefined;
  let after: SourceFile | undefined;
  try {
    before = read(oldPath, values.git);
    after = read(newPath, values.git);
    diff = diffMetabases(before.text, after.text, { all: values.all });
  } catch (error) {
    if (error instanceof FileError) return fail(error.message);
    if (!(error instanceof NotWellFormed)) throw error;
    const source = error.side === 'old' ? before! : after!;
    const { line, character } = documentOf(source).positionAt(error.fault.start);
    const where = `it is not well-formed XML (line ${line + 1}, column ${character + 1}: ${error.fault.message})`;
    // git stops the whole diff at a driver's non-zero exit (a merge conflict's markers would stop every git diff).
    if (values.git) {
      io.stdout(`--- ${names.old}\n+++ ${names.new}\n! no semantic diff: ${where}; 'git diff --no-ext-diff' shows the text\n`);
      return EXIT_OK;
    }
    return fail(`cannot compare '${source.path}': ${where}; 'metabase-lint ${source.path}' lists every fault`);
  }
  io.stdout(values.format === 'json' ? diffJson(diff, names) : diffText(diff, names));
  if (values.git) return EXIT_OK;
  return isMeaningful(diff) ? EXIT_PROBLEMS : EXIT_OK;
}

function read(path: string, git: boolean): SourceFile {
  return git && path === NO_FILE ? { path, text: '', encoding: 'utf-8', bom: false } : readSource(path);
}
