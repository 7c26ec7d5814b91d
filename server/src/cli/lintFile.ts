// One file through the language service: read, optionally fix and write back, then validate.

import { Diagnostic } from 'vscode-languageserver-types';
import { getHeapStatistics } from 'node:v8';
import { MetabaseModel, MetabaseSettings, eachDiagnostic, parseSteps } from '../service';
import { SchemaFacts } from '../service/schema';
import { encode } from './encoding';
import { FileError } from './files';
import { fixedText, writeFixed } from './fix';
import { documentOf, readSource } from './source';

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
 * Past this share of the old generation's limit (the heap's limit less the young generation's 48 MB, the
 * --max-old-space-size Node was given), a file that grew the heap by half that much itself is given up
 * with a message, before Node runs out of memory and aborts. What the heap held before may be garbage (of a
 * file given up before): a file is judged by its own growth, from the lowest the heap was while it was read.
 */
const HEAP_SHARE = 0.9;
const YOUNG_GENERATION = 48 << 20;
/** Milliseconds of parsing between two looks at the heap (a step, a segment, a thousand items or ten thousand findings of a list, takes far less). */
const LOOK_EVERY_MS = 10;

/**
 * The model of a file's text. A file whose model does not fit in memory (millions of problems) is a
 * FileError: the run goes on with the other files.
 */
function modelOf(path: string, text: string, facts?: SchemaFacts): MetabaseModel {
  const steps = parseSteps(text, facts);
  const old = Math.max(getHeapStatistics().heap_size_limit - YOUNG_GENERATION, YOUNG_GENERATION);
  const most = HEAP_SHARE * old;
  let lowest = getHeapStatistics().used_heap_size;
  let looked = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - looked < LOOK_EVERY_MS) continue;
    looked = performance.now();
    const used = getHeapStatistics().used_heap_size;
    lowest = Math.min(lowest, used);
    if (used > most && used - lowest > most / 2) {
      throw new FileError(`cannot lint '${path}': it needs more memory than Node has (${Math.round(old / 2 ** 20)} MB; ` +
        'more is given with NODE_OPTIONS=--max-old-space-size=<megabytes>)');
    }
  }
}
