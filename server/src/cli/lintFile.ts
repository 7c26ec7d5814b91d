// One file through the language service: read, optionally fix and write back, then validate.

import { Diagnostic } from 'vscode-languageserver-types';
import { MetabaseModel, MetabaseSettings, eachDiagnostic, parseSteps } from '../service';
import { SchemaFacts } from '../service/schema';
import { encode } from './encoding';
import { FileError } from './files';
import { fixedText, writeFixed } from './fix';
import { documentOf, readSource } from './source';
import { CLI_HEAP_SHARES, HeapWatch } from '../node/heapWatch';

/**
 * The file's problems, to be read once. Throws a FileError when the file cannot be read or decoded; `refuse`
 * reports a fix that could not be written, and the file is then reported as it is.
 */
export function lintFile(
  path: string, fix: boolean, settings: MetabaseSettings, refuse: (message: string) => void, facts?: SchemaFacts,
): { path: string; diagnostics: Iterable<Diagnostic> } {
  const source = readSource(path);
  let document = documentOf(source);
  // One model serves the fixes and the report, unless a fix changed the text.
  let model = modelOf(path, source.text, facts);
  if (fix) {
    const text = fixedText(document, model, settings);
    if (text !== undefined) {
      try {
        writeFixed(path, encode({ ...source, text }));
        document = documentOf(source, text);
        model = modelOf(path, text, facts);
      } catch (error) {
        if (!(error instanceof FileError)) throw error;
        refuse(error.message);
      }
    }
  }
  // In document order, which is the order the formats print; made one at a time, as they are read.
  return { path, diagnostics: eachDiagnostic(document, model, settings, false) };
}

/**
 * The model of a file's text. A file whose model does not fit in memory (millions of problems) is a
 * FileError: the run goes on with the other files.
 */
function modelOf(path: string, text: string, facts?: SchemaFacts): MetabaseModel {
  const steps = parseSteps(text, facts);
  const watch = new HeapWatch(CLI_HEAP_SHARES);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (watch.exceeded()) {
      throw new FileError(`cannot lint '${path}': it needs more memory than Node has (${watch.limitMb} MB; ` +
        'more is given with NODE_OPTIONS=--max-old-space-size=<megabytes>)');
    }
  }
}
