// Command-line arguments of metabase-lint. Parsing never exits: a bad argument is a UsageError, which the
// caller turns into exit code 2.

import { RULES_BY_ID, SeveritySetting } from '../service';

export type Format = 'text' | 'json' | 'sarif';

export interface Options {
  format: Format;
  fix: boolean;
  /** Severity overrides by rule id, from `--rule id=severity`. */
  rules: Record<string, SeveritySetting>;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Report at most this many problems per file (all by default). */
  maxProblems?: number;
  /** Report errors only. */
  quiet: boolean;
  /** The migration-readiness rules, from `--migration`. */
  migration: boolean;
  /** A user's MBSchema.xml, from `--schema`. */
  schema?: string;
  /** Files linted at once, by worker threads (1: none); `auto`: see jobsFor. */
  jobs: number | 'auto';
  /** `undefined`: colour when stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
  help: boolean;
  version: boolean;
  patterns: string[];
}

export class UsageError extends Error {}

export const USAGE = `Usage: metabase-lint [options] <files, directories or globs...>
       metabase-lint diff [--format text|json] [--all] <old> <new>   (metabase-lint diff --help)
       metabase-lint export <file> --to handlers|appcmd|adsutil     (metabase-lint export --help)

Validates the ScriptMaps of IIS 6 MetaBase.xml files. A directory stands for all *.xml files under it;
globs take *, ** and ? (quote them so that the shell leaves them alone). A file named diff or export
is linted as ./diff or ./export.

Options:
  --format <text|json|sarif>   output format (default: text)
  --fix                        apply the preferred fix of every problem, then report what remains
  --rule <id>=<severity>       set a rule to off, information, warning or error (repeatable)
  --max-warnings <n>           exit 1 when there are more than n warnings
  --max-problems <n>           report at most n problems per file, then how many were left out
                               (default: all; exit codes and the summary still count every problem)
  --quiet                      report errors only
  --migration                  also check migration readiness for IIS 7+ (the migration-* rules)
  --schema <MBSchema.xml>      check against this metabase schema (a server's own, extended one);
                               without it, an MBSchema.xml beside a linted file is used, else IIS 6's
  -j, --jobs <n|auto>          lint up to n files at once, in worker threads, at most one per CPU
                               (default 1; auto: one per CPU when two files or more hold 32 MB or more)
  --color, --no-color          force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                   show this help
  -v, --version                show the version

Only regular files are read (up to 512 MB), in UTF-8 (with or without BOM) or UTF-16 with a BOM; --fix
writes a file back in its own encoding. A file that is read-only (even for root) is not fixed.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage, a file that cannot be read,
decoded or fixed or that needs more memory than Node has, output that cannot be written, or an internal error.
`;

const FORMATS: readonly string[] = ['text', 'json', 'sarif'];
const SEVERITIES: readonly string[] = ['off', 'information', 'warning', 'error'];

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { format: 'text', fix: false, jobs: 1, rules: {}, migration: false, quiet: false, help: false, version: false, patterns: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.patterns.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.patterns.push(arg);
      continue;
    }
    // `-j4` is `-j 4`, as in make.
    if (/^-j./.test(arg)) {
      options.jobs = parseJobs('--jobs', arg.slice(2));
      continue;
    }
    // `--name=value` and `--name value` are both accepted for options that take a value.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`option '${name}' needs a value`);
      return argv[++i];
    };
    const flag = (): true => {
      if (eq >= 0) throw new UsageError(`option '${name}' takes no value`);
      return true;
    };
    switch (name) {
      case '--format': options.format = parseFormat(value()); break;
      case '--fix': options.fix = flag(); break;
      case '--rule': parseRule(value(), options.rules); break;
      case '--max-warnings': options.maxWarnings = parseCount(name, value()); break;
      case '--max-problems': options.maxProblems = parseCount(name, value()); break;
      case '--quiet': options.quiet = flag(); break;
      case '--migration': options.migration = flag(); break;
      case '--schema': options.schema = parseSchemaPath(options.schema, value()); break;
      case '-j': case '--jobs': options.jobs = parseJobs(name, value()); break;
      case '--color': options.color = flag(); break;
      case '--no-color': options.color = !flag(); break;
      case '-h': case '--help': options.help = flag(); break;
      case '-v': case '--version': options.version = flag(); break;
      default: throw new UsageError(`unknown option '${name}'`);
    }
  }
  if (!options.help && !options.version && options.patterns.length === 0) throw new UsageError('no files given');
  return options;
}

function parseFormat(value: string): Format {
  if (!FORMATS.includes(value)) throw new UsageError(`unknown format '${value}' (expected text, json or sarif)`);
  return value as Format;
}

function parseRule(value: string, rules: Record<string, SeveritySetting>): void {
  const eq = value.indexOf('=');
  if (eq < 0) throw new UsageError(`--rule '${value}' is not <id>=<severity>`);
  const id = value.slice(0, eq).trim();
  const severity = value.slice(eq + 1).trim();
  if (!RULES_BY_ID.has(id)) throw new UsageError(`unknown rule '${id}'`);
  if (!SEVERITIES.includes(severity)) {
    throw new UsageError(`unknown severity '${severity}' for rule '${id}' (expected off, information, warning or error)`);
  }
  rules[id] = severity as SeveritySetting;
}

/** One schema checks every file: a second one is refused rather than silently winning. */
function parseSchemaPath(given: string | undefined, path: string): string {
  if (given !== undefined) throw new UsageError(`--schema given twice ('${given}' and '${path}'): one schema checks every file`);
  return path;
}

function parseJobs(name: string, value: string): number | 'auto' {
  if (value === 'auto') return value;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} '${value}' is not 'auto' or a number of files from 1 up`);
  return Number(value);
}

function parseCount(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} '${value}' is not a whole number`);
  return Number(value);
}
