// Runs every rule over one segment of the document: its XML faults, then (when the key is well-formed)
// the key rules: its properties against the schema, then its ScriptMaps values and its other lists.
// Well-formedness comes from the scanner alone: fast-xml-parser's validator on every key doubled the
// cost of a full validation and found no fault the scanner misses (bench/RESULTS.md). The validator
// guards the edits instead (see keepsWellFormed).

import { readKey } from '../model/key';
import { Span } from '../model/scriptMap';
import { SchemaFacts } from '../schema';
import { Segment } from '../xml/tree';
import { Finding } from './finding';
import { checkListSteps, listsOf } from './lists';
import { checkProperties } from './properties';
import { checkScriptMapsSteps } from './scriptmaps';

/** With `focus`, the ScriptMaps findings that touch it only (see checkScriptMapsSteps). */
export function checkSegment(text: string, segment: Segment, facts: SchemaFacts, focus?: Span): Finding[] {
  const steps = checkSegmentSteps(text, segment, facts, focus);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same as steps, yielding inside a huge ScriptMaps value (see checkScriptMapsSteps). */
export function* checkSegmentSteps(text: string, segment: Segment, facts: SchemaFacts, focus?: Span): Generator<void, Finding[], void> {
  const findings: Finding[] = segment.faults.map((f) => ({ ...f, fixes: [] }));
  const key = segment.key;
  if (!key || findings.some((f) => f.rule === 'xml-not-well-formed')) return findings;
  const model = readKey(text, key);
  for (const finding of checkProperties(text, model, facts)) findings.push(finding);
  for (const property of model.scriptMaps) {
    const { valueStart, valueEnd, quote } = property.value;
    // A loop, not push(...): a 100,000-item list can have more findings than a call has arguments.
    for (const finding of yield* checkScriptMapsSteps(text, valueStart, valueEnd, quote, focus)) findings.push(finding);
  }
  for (const list of listsOf(model)) {
    const { valueStart, valueEnd, quote } = list.value;
    for (const finding of yield* checkListSteps(list.spec, text, valueStart, valueEnd, quote)) findings.push(finding);
  }
  return findings;
}
