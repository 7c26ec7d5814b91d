// One file through the language service: read, optionally fix and write back, then validate.

import { MetabaseSettings, parseModel, validate } from '../service';
import { SchemaFacts } from '../service/schema';
import { encode } from './encoding';
import { FileError } from './files';
import { fixedText, writeFixed } from './fix';
import { FileReport } from './formats';
import { documentOf, readSource } from './source';

/**
 * Throws a FileError when the file cannot be read or decoded; `refuse` reports a fix that could not be
 * written, and the file is then reported as it is.
 */
export function lintFile(
  path: string, fix: boolean, settings: MetabaseSettings, refuse: (message: string) => void, facts?: SchemaFacts,
): FileReport {
  const source = readSource(path);
  let document = documentOf(source);
  // One model serves the fixes and the report, unless a fix changed the text.
  let model = parseModel(source.text, facts);
  if (fix) {
    const text = fixedText(document, model, settings);
    if (text !== undefined) {
      try {
        writeFixed(path, encode({ ...source, text }));
        document = documentOf(source, text);
        model = parseModel(text, facts);
      } catch (error) {
        if (!(error instanceof FileError)) throw error;
        refuse(error.message);
      }
    }
  }
  // validate reports in document order, which is the order the formats print.
  return { path, diagnostics: validate(document, model, settings) };
}
