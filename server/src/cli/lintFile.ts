// One file through the language service: read, optionally fix and write back, then validate.

import { MetabaseSettings, parseModel, validate } from '../service';
import { writeAtomically, fixedText } from './fix';
import { FileReport } from './formats';
import { documentOf, readSource } from './source';

/** Throws a FileError when the file cannot be read or written; `warn` reports a fix that was refused. */
export function lintFile(path: string, fix: boolean, settings: MetabaseSettings, warn: (message: string) => void): FileReport {
  const source = readSource(path);
  let document = documentOf(source);
  // One model serves the fixes and the report, unless a fix changed the text.
  let model = parseModel(source.text);
  if (fix) {
    const text = fixedText(document, model, settings);
    if (text !== undefined && !source.utf8) {
      // Its invalid bytes were read as U+FFFD; writing the text back would destroy them.
      warn(`not fixing '${path}': it is not valid UTF-8`);
    } else if (text !== undefined) {
      writeAtomically(path, source.bom ? `\uFEFF${text}` : text);
      document = documentOf(source, text);
      model = parseModel(text);
    }
  }
  // validate reports in document order, which is the order the formats print.
  return { path, diagnostics: validate(document, model, settings) };
}
