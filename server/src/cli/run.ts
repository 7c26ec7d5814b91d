// metabase-lint from arguments to exit code, with the process's streams and environment passed in. Each
// file's report is written as soon as the file is done (and those before it), so memory holds the problems
// of a few files at a time.

import { USAGE, UsageError, parseArgs, Options } from './args';
import { FileError, expandPatterns } from './files';
import { add, emptyCounts, reporter } from './formats';
import { SchemaChooser, givenSchema } from './schema';
import { Outcome, jobsFor, lintInWorkers, lintTask } from './workers';
import { packageVersion } from './version';
import { runDiff } from './diff';
import { runExport } from './export';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  /** The script that starts this CLI, run again as the worker threads of --jobs (none: one thread). */
  workerScript?: string;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Output is handed on in pieces of about this many characters. */
const CHUNK = 64 * 1024;

/** Subcommands by their first argument; a file with such a name is linted as `./diff`. */
const SUBCOMMANDS = new Map<string, (argv: readonly string[], io: Io) => number>([['diff', runDiff], ['export', runExport]]);

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const subcommand = SUBCOMMANDS.get(argv[0]);
  if (subcommand) return subcommand(argv.slice(1), io);
  const fail = (message: string) => io.stderr(`metabase-lint: ${message}\n`);
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(`${error.message} (see metabase-lint --help)`);
    return EXIT_USAGE;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  let files: string[];
  let schemas: SchemaChooser;
  // An MBSchema.xml beside a file that cannot be used fails the run (exit 2) once the files are linted; it
  // is said before the report of the first file that would have used it.
  let schemaRefusals: string[] = [];
  try {
    schemas = new SchemaChooser(givenSchema(options.schema), (message) => schemaRefusals.push(message));
    files = expandPatterns(options.patterns);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    fail(error.message);
    return EXIT_USAGE;
  }

  let pending = '';
  const write = (text: string) => {
    pending += text;
    if (pending.length >= CHUNK) {
      io.stdout(pending);
      pending = '';
    }
  };
  const color = options.color ?? (io.isTTY && !io.env.NO_COLOR);
  const output = reporter(options.format, { color, version: packageVersion(), cwd: io.cwd, write });
  const settings = { rules: options.rules, migration: options.migration };
  const all = emptyCounts();
  const reported = emptyCounts();
  let unreadable = false;
  const refuse = (message: string) => {
    fail(message);
    unreadable = true;
  };
  const report = (file: string, { refusals, shown }: Outcome) => {
    refusals.forEach(refuse);
    if (!shown) return;
    add(all, shown.all);
    add(reported, shown.reported);
    output.file({ path: file, diagnostics: shown.diagnostics, omitted: shown.omitted });
    if (shown.omitted && options.format !== 'text') {
      io.stdout(pending);
      pending = '';
      fail(`${file}: ${shown.omitted} more problem${shown.omitted === 1 ? '' : 's'} not shown (--max-problems ${options.maxProblems})`);
    }
  };
  const schemaFor = (file: string) => {
    schemaRefusals = [];
    return { ...schemas.choiceFor(file), refusals: schemaRefusals };
  };
  const view = { quiet: options.quiet, limit: options.maxProblems };
  const jobs = io.workerScript === undefined ? 1 : jobsFor(options.jobs, files, options.fix);
  const schemasFor = jobs > 1 ? files.map(schemaFor) : [];
  const tasks = files.map((file, i) => ({ file, fix: options.fix, settings, view, schema: schemasFor[i]?.path }));
  const inWorkers = jobs > 1 && await lintInWorkers(io.workerScript!, jobs, tasks, (i, outcome) => {
    schemasFor[i].refusals.forEach(refuse);
    // Too many problems to hand over (see MAX_HANDED): the file, fixed already if asked, is read again here.
    if (outcome.again) {
      const here = lintTask({ ...tasks[i], fix: false }, schemasFor[i].facts);
      outcome = { refusals: [...outcome.refusals, ...here.refusals], shown: here.shown };
    }
    report(files[i], outcome);
  });
  if (!inWorkers) {
    for (const [i, file] of files.entries()) {
      const schema = schemasFor[i] ?? schemaFor(file);
      schema.refusals.forEach(refuse);
      report(file, lintTask(tasks[i], schema.facts));
    }
  }
  output.end(reported);
  io.stdout(pending);

  if (unreadable) return EXIT_USAGE;
  if (all.errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && all.warnings > options.maxWarnings) {
    fail(`too many warnings (${all.warnings}; --max-warnings is ${options.maxWarnings})`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
