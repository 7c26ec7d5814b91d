// Runs every rule over one segment of the document: its XML faults, its key type, then (when the key is
// well-formed) the key rules: its properties against the schema, then its ScriptMaps values and its other
// lists; and reads what the checks across keys need of the key while it is at hand (see readKeyFacts).
// Well-formedness comes from the scanner alone: fast-xml-parser's validator on every key doubled the
// cost of a full validation and found no fault the scanner misses (bench/RESULTS.md). The validator
// guards the edits instead (see keepsWellFormed).

import { MetabaseKey, SCRIPT_MAPS, readKey } from '../model/key';
import { MAX_MEMO_VALUE, ValueMemo } from '../model/memo';
import { drain } from '../model/steps';
import { Span } from '../model/scriptMap';
import { SchemaFacts } from '../schema';
import { Attribute, Element, Quote, Segment } from '../xml/tree';
import { Finding } from './finding';
import { checkKeyType } from './keys/type';
import { ListSpec, checkListSteps, listSpec, listsOf } from './lists';
import { moveFindings } from './multiszValue';
import { checkProperties } from './properties';
import { ScriptMapsCheck, checkScriptMapsSteps, knownCleanItems } from './scriptmaps';
import { ScriptMapsReading } from './cross/mapItem';
import { readKeyFacts } from './cross/facts';
import { SegmentCheck } from '../model/document';

/** With `focus`, the ScriptMaps findings that touch it only (see checkScriptMapsSteps). */
export function checkSegment(text: string, segment: Segment, facts: SchemaFacts, focus?: Span): Finding[] {
  return drain(checkSegmentSteps(text, segment, facts, focus)).findings;
}

/**
 * The same at once, when the key's values are short enough together to be checked without a pause (nearly
 * every key); undefined otherwise. A generator per key cost a twentieth of a full validation.
 */
export function checkSegmentNow(text: string, segment: Segment, facts: SchemaFacts): SegmentCheck | undefined {
  return segment.key && isHeavy(segment.key) ? undefined : checkSegmentWith(text, segment, facts, undefined, NOT_STEPPED);
}

/**
 * The same as steps, yielding inside the ScriptMaps and list values of a heavy key (see checkScriptMapsSteps;
 * a hundred short lists of a key are as long to check as one long one), or inside every ScriptMaps value with a
 * focus; without a focus, with the facts the checks across keys read of the key (their ScriptMaps items are
 * those checked here). The values read in steps are read first, the rest as checkSegmentNow does.
 */
export function* checkSegmentSteps(text: string, segment: Segment, facts: SchemaFacts, focus?: Span): Generator<void, SegmentCheck, void> {
  const model = segment.key && wellFormed(segment) ? readKey(text, segment.key) : undefined;
  const stepped = new Map<Attribute, ScriptMapsCheck | Finding[]>();
  if (model) {
    const heavy = isHeavy(model.element);
    for (const { value } of model.scriptMaps) {
      if (focus || heavy) stepped.set(value, yield* checkScriptMapsSteps(text, value.valueStart, value.valueEnd, value.quote, focus));
    }
    for (const { spec, value } of listsOf(model)) {
      if (heavy) stepped.set(value, yield* checkListSteps(spec, text, value.valueStart, value.valueEnd, value.quote));
    }
  }
  return checkSegmentWith(text, segment, facts, focus, stepped, model);
}

/** Values checked in steps by attribute (checkSegmentSteps); the others are checked (or found in a memo) at once. */
type Stepped = ReadonlyMap<Attribute, ScriptMapsCheck | Finding[]>;

const NOT_STEPPED: Stepped = new Map();

function checkSegmentWith(text: string, segment: Segment, facts: SchemaFacts, focus: Span | undefined, stepped: Stepped, model?: MetabaseKey): SegmentCheck {
  const findings: Finding[] = segment.faults.map((f) => ({ ...f, fixes: [] }));
  const key = segment.key;
  if (!key) return { findings };
  // A key's start tag was read whole: its type is known even when what follows is not well-formed.
  const unknownType = checkKeyType(text, key, segment, facts);
  if (unknownType) findings.push(unknownType);
  if (!wellFormed(segment)) return { findings };
  model ??= readKey(text, key);
  for (const finding of checkProperties(text, model, facts, listFindingsAs)) findings.push(finding);
  let read: ScriptMapsReading[] | undefined;
  for (const { value } of model.scriptMaps) {
    const { valueStart, valueEnd, quote } = value;
    const found = stepped.get(value) as ScriptMapsCheck | undefined ?? checkScriptMaps(text, valueStart, valueEnd, quote);
    // A loop, not push(...): a 100,000-item list can have more findings than a call has arguments.
    for (const finding of found.findings) findings.push(finding);
    if (found.items) (read ??= []).push({ valueStart: valueStart - segment.start, items: found.items });
  }
  for (const { spec, value } of listsOf(model)) {
    const { valueStart, valueEnd, quote } = value;
    const found = stepped.get(value) as Finding[] | undefined ??
      checkValue(listMemo(spec, quote), text, valueStart, valueEnd, (t, start, end) => checkListSteps(spec, t, start, end, quote));
    for (const finding of found) findings.push(finding);
  }
  return { findings, crossFacts: focus ? undefined : readKeyFacts(text, segment.start, model, facts, read) };
}

function wellFormed(segment: Segment): boolean {
  return !segment.faults.some((f) => f.rule === 'xml-not-well-formed');
}

/**
 * Whether the values of the key's attributes and of its children's add up to more than MAX_MEMO_VALUE
 * characters (one value over it, or many shorter ones): its lists are then checked in steps.
 */
function isHeavy(key: Element): boolean {
  let chars = valueChars(key);
  for (let i = 0; i < key.children.length && chars <= MAX_MEMO_VALUE; i++) chars += valueChars(key.children[i]);
  return chars > MAX_MEMO_VALUE;
}

function valueChars(element: Element): number {
  let chars = 0;
  for (const a of element.attributes) chars += a.valueEnd - a.valueStart;
  return chars;
}

/** See ListFindings: what a misspelt name's value would get under a list property's name (memoised as the lists are). */
function listFindingsAs(text: string, property: string, value: Attribute): Finding[] | undefined {
  const { valueStart, valueEnd, quote } = value;
  const spec = property === SCRIPT_MAPS ? undefined : listSpec(property);
  if (property !== SCRIPT_MAPS && !spec) return [];
  if (valueEnd - valueStart > MAX_MEMO_VALUE) return undefined;
  return spec
    ? checkValue(listMemo(spec, quote), text, valueStart, valueEnd, (t, start, end) => checkListSteps(spec, t, start, end, quote))
    : checkScriptMaps(text, valueStart, valueEnd, quote).findings;
}

/** The same for a ScriptMaps value, whose items are kept with its findings (they are relative to the value already). */
function checkScriptMaps(text: string, start: number, end: number, quote: Quote): ScriptMapsCheck {
  const found = SCRIPT_MAPS_MEMOS[quote].through(text.slice(start, end), (t) => {
    const items = knownCleanItems(t, quote);
    return items ? { findings: [], items } : drain(checkScriptMapsSteps(t, 0, t.length, quote));
  });
  return { findings: moveFindings(found.findings, start), items: found.items };
}

/**
 * The findings of a list value (of at most MAX_MEMO_VALUE characters; longer ones are checked as steps,
 * item by item), worked out once per raw text and quote (fixes are encoded for it): IIS Manager copies a
 * site's lists to its applications.
 */
function checkValue(
  memo: ValueMemo<Finding[]>, text: string, start: number, end: number, check: (text: string, start: number, end: number) => Generator<void, Finding[], void>,
): Finding[] {
  return moveFindings(memo.through(text.slice(start, end), (t) => drain(check(t, 0, t.length))), start);
}

/** A memo per quote: fixes are encoded for the attribute's quote. */
const perQuote = <V>(): Record<Quote, ValueMemo<V>> => ({ '"': new ValueMemo(), "'": new ValueMemo() });
const SCRIPT_MAPS_MEMOS = perQuote<ScriptMapsCheck>();
const LIST_MEMOS = new Map<ListSpec, Record<Quote, ValueMemo<Finding[]>>>();

function listMemo(spec: ListSpec, quote: Quote): ValueMemo<Finding[]> {
  let memos = LIST_MEMOS.get(spec);
  if (!memos) LIST_MEMOS.set(spec, (memos = perQuote<Finding[]>()));
  return memos[quote];
}
