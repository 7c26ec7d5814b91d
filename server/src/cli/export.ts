// `metabase-lint export`: keys as IIS 7+ handlers XML, appcmd commands or adsutil.vbs commands.

import { parseArgs } from 'node:util';
import { parseModel } from '../service';
import { EXPORT_TARGETS, ExportError, ExportTarget, exportMetabase } from '../service/export';
import { FileError } from './files';
import { Io, EXIT_OK, EXIT_USAGE } from './run';
import { SchemaChooser, givenSchema } from './schema';
import { documentOf, readSource } from './source';
import { listKeys } from '../service/model/keyList';

export const EXPORT_USAGE = `Usage: metabase-lint export <file> --to <handlers|appcmd|adsutil> [--location <metabase path>]...

Writes keys of an IIS 6 metabase for IIS 7+ or for adsutil.vbs, on stdout:
  handlers   applicationHost.config XML: <location path="Site Name/vdir"><system.webServer><handlers>
             with the effective (inherited) ScriptMaps, and <isapiCgiRestriction> for the restriction list
  appcmd     the same as appcmd set config commands (a .cmd file: % is written %%)
  adsutil    cscript adsutil.vbs SET commands (ADSI VBScript for lists adsutil cannot take)
Without --location: every web key that sets ScriptMaps or WebSvcExtRestrictionList. What a conversion
loses is said in a comment.

Options:
  --to <target>           handlers, appcmd or adsutil (required)
  --location <path>       the key to export, e.g. /LM/W3SVC/1/ROOT (repeatable)
  --schema <MBSchema.xml> the schema to read the file with (as for linting)
  -h, --help              show this help

Exit codes: 0 written, 2 bad usage, a file that cannot be read or is not well-formed, or a Location that
names no web key.
`;

export function runExport(argv: readonly string[], io: Io): number {
  const fail = (message: string) => {
    io.stderr(`metabase-lint export: ${message}\n`);
    return EXIT_USAGE;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { to: { type: 'string' }, location: { type: 'string', multiple: true }, schema: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    return fail(`${(error as Error).message} (see metabase-lint export --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(EXPORT_USAGE);
    return EXIT_OK;
  }
  if (!values.to || !EXPORT_TARGETS.includes(values.to as ExportTarget)) {
    return fail(values.to ? `unknown target '${values.to}' (expected handlers, appcmd or adsutil)` : '--to handlers, appcmd or adsutil is required');
  }
  if (positionals.length !== 1) return fail(`expected one metabase file, got ${positionals.length} (see metabase-lint export --help)`);
  const [path] = positionals;
  try {
    const facts = new SchemaChooser(givenSchema(values.schema), (message) => { throw new FileError(message); }).choiceFor(path).facts;
    const source = readSource(path);
    const fault = listKeys(source.text).fault;
    if (fault) {
      const { line, character } = documentOf(source).positionAt(fault.start);
      return fail(`cannot export '${path}': it is not well-formed XML (line ${line + 1}, column ${character + 1}: ${fault.message}); 'metabase-lint ${path}' lists every fault`);
    }
    io.stdout(exportMetabase(source.text, parseModel(source.text, facts), facts, values.to as ExportTarget, values.location));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof FileError) return fail(error.message);
    if (error instanceof ExportError) return fail(`${path}: ${error.message}`);
    throw error;
  }
}
