// The properties every input must satisfy, shared by the npm test (properties.test.ts) and the long fuzz
// run (run.ts). Each check throws an Error that says what went wrong; it returns counts for the report.

import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, Diagnostic, DiagnosticSeverity, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { codeActions, fixAll, hover, parseModel, updateModel, validate } from '../../server/src/service';
import { MetabaseModel } from '../../server/src/service';
import { segmentAt } from '../../server/src/service/model/document';
import { scanSegment } from '../../server/src/service/xml/scanner';
import { Attribute } from '../../server/src/service/xml/tree';

export const URI = 'file:///fuzz/MetaBase.xml';

export function doc(text: string, version = 1): TextDocument {
  return TextDocument.create(URI, 'iis-metabase', version, text);
}

export function analyse(text: string): { document: TextDocument; model: MetabaseModel; diagnostics: Diagnostic[] } {
  const document = doc(text);
  const model = parseModel(text);
  return { document, model, diagnostics: validate(document, model) };
}

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function isWellFormed(text: string, diagnostics: Diagnostic[]): boolean {
  return XMLValidator.validate(text) === true && !diagnostics.some((d) => d.code === 'xml-not-well-formed');
}

function show(text: string, max = 400): string {
  const s = JSON.stringify(text);
  return s.length <= max ? s : `${s.slice(0, max / 2)} ... ${s.slice(-max / 2)} (${text.length} chars)`;
}

/** A position is valid when it names a character of its line (or the line's end), not past a line break. */
export function checkPosition(document: TextDocument, p: Position, what: string): number {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: bad position ${JSON.stringify(p)}`);
  assert.ok(p.line < document.lineCount, `${what}: line ${p.line} is past the last line (${document.lineCount - 1})`);
  const offset = document.offsetAt(p);
  const back = document.positionAt(offset);
  assert.deepEqual(back, p, `${what}: position ${JSON.stringify(p)} is not inside its line (it maps back to ${JSON.stringify(back)})`);
  return offset;
}

export function checkRange(document: TextDocument, r: Range, what: string): void {
  const s = checkPosition(document, r.start, `${what} start`);
  const e = checkPosition(document, r.end, `${what} end`);
  assert.ok(s <= e, `${what}: range starts after its end ${JSON.stringify(r)}`);
  assert.ok(s <= document.getText().length, `${what}: range starts past the end of the document`);
}

/**
 * An offset an editor can show: not between the CR and LF of one line break (LSP positions cannot name it:
 * the range collapses or shifts) and not between the two halves of a surrogate pair.
 */
export function checkBoundary(text: string, o: number, what: string): void {
  assert.ok(!(text.charCodeAt(o - 1) === 0x0d && text.charCodeAt(o) === 0x0a),
    `${what}: offset ${o} falls between the CR and the LF of a line break (${show(text.slice(Math.max(0, o - 30), o + 30), 200)})`);
  const hi = text.charCodeAt(o - 1);
  const lo = text.charCodeAt(o);
  assert.ok(!(hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff), `${what}: offset ${o} splits a surrogate pair`);
}

export interface ValidateReport {
  diagnostics: number;
}

/**
 * validate returns; every diagnostic range lies inside the document and starts before or at its end; the
 * model's segments tile the text and every finding lies inside it; a second run gives the same result.
 */
export function checkValidate(text: string, options: { hover?: boolean } = {}): ValidateReport {
  const { document, model, diagnostics } = analyse(text);
  // The model: segments tile the text, every finding inside the text (validate's positionAt would hide it).
  let at = 0;
  for (const [i, s] of model.segments.entries()) {
    assert.equal(s.start, at, `segment ${i} starts at ${s.start}, expected ${at} (segments must tile the text)`);
    assert.ok(s.end > s.start, `segment ${i} is empty [${s.start}, ${s.end})`);
    for (const f of s.findings) {
      const fs = s.start + f.start;
      const fe = s.start + f.end;
      assert.ok(fs >= 0 && fs <= fe && fe <= text.length, `${f.rule} finding [${fs}, ${fe}) is outside the text (length ${text.length}) or reversed`);
      checkBoundary(text, fs, `${f.rule} finding start`);
      checkBoundary(text, fe, `${f.rule} finding end`);
      for (const r of f.related ?? []) {
        checkBoundary(text, s.start + r.start, `${f.rule} related start`);
        checkBoundary(text, s.start + r.end, `${f.rule} related end`);
      }
    }
    at = s.end;
  }
  assert.equal(at, text.length, `the segments end at ${at}, the text at ${text.length}`);
  for (const d of diagnostics) {
    checkRange(document, d.range, `diagnostic ${d.code}`);
    for (const r of d.relatedInformation ?? []) checkRange(document, r.location.range, `related information of ${d.code}`);
    assert.ok(messageOf(d).length > 0, `diagnostic ${d.code} has an empty message`);
  }
  const again = analyse(text).diagnostics;
  assert.deepEqual(again, diagnostics, 'a second run gives different diagnostics');
  if (options.hover) {
    const positions = diagnostics.slice(0, 20).map((d) => d.range.start);
    for (let line = 0; line < Math.min(document.lineCount, 60); line += 3) positions.push({ line, character: line % 7 });
    for (const p of positions) {
      const h = hover(document, model, p);
      if (h?.range) checkRange(document, h.range, 'hover range');
    }
  }
  return { diagnostics: diagnostics.length };
}

// ---- fixes ----

function lineBreaks(text: string): string[] {
  return text.match(/\r\n|\r|\n/g) ?? [];
}

interface BreakAt { start: number; end: number; kind: string }

function lineBreaksAt(text: string): BreakAt[] {
  return [...text.matchAll(/\r\n|\r|\n/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: m[0] }));
}

/**
 * The line breaks a fix may leave, in order: those of the text wholly outside its edits (one an edit cuts
 * into, or between whose CR and LF it writes, is gone) and those its edits write.
 */
function allowedBreaks(breaks: BreakAt[], spans: Array<{ start: number; end: number; newText: string }>): string[] {
  const allowed: string[] = [];
  let k = 0;
  for (const s of spans) {
    for (; k < breaks.length && breaks[k].end <= s.start; k++) allowed.push(breaks[k].kind);
    while (k < breaks.length && breaks[k].start < s.end) k++;
    allowed.push(...lineBreaks(s.newText));
  }
  for (; k < breaks.length; k++) allowed.push(breaks[k].kind);
  return allowed;
}

// One line break inside an attribute value as written (CR, LF or CR LF, each raw or a character reference),
// then the indentation after it.
const CR_AS_WRITTEN = '(?:\\r|&#0*13;|&#[xX]0*[dD];)';
const LF_AS_WRITTEN = '(?:\\n|&#0*10;|&#[xX]0*[aA];)';
const SEPARATOR = new RegExp(`(${CR_AS_WRITTEN}${LF_AS_WRITTEN}?|${LF_AS_WRITTEN})[ \\t]*`, 'g');

/**
 * A fix that starts a new line in a value (adds an item) writes it as the value's lines are written: the
 * separator (and its indentation) is one the value holds already; in a value of one line, the separator is
 * the line break the document's first line ends with.
 */
export function checkWrittenSeparators(text: string, value: string, newText: string, what: string): void {
  const used = new Set([...value.matchAll(SEPARATOR)].map((m) => m[0]));
  for (const [written, run] of newText.matchAll(SEPARATOR)) {
    if (used.size > 0) assert.ok(used.has(written), `${what}: it writes the line break ${JSON.stringify(written)}, the value's are ${JSON.stringify([...used])}`);
    else assert.equal(run, /\r\n|\r|\n/.exec(text)?.[0], `${what}: it writes the line break ${JSON.stringify(run)} in a value of one line, not the document's`);
  }
}

function indentations(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((l) => /^[ \t]*/.exec(l)![0]);
}

/** Lines with something on them: a fix may remove blank items, never merge or drop a line with content. */
function nonBlankLines(text: string): number {
  // A line that only opens an attribute value with a blank first item (`ScriptMaps="&#32;`) counts as blank:
  // removing that item rightly pulls the next item up onto it. So does a line holding only the closing quote.
  const blank = (l: string) => l.replace(/&#(32|9|x20|x9|xA0|160);/gi, ' ').replace(/^\s*[A-Za-z_][\w.:-]*\s*=\s*["']\s*$/, '').replace(/^\s*["']\s*$/, '').trim() === '';
  return text.split(/\r\n|\r|\n/).filter((l) => !blank(l)).length;
}

function isSubsequence<T>(sub: T[], of: T[]): boolean {
  let j = 0;
  for (let i = 0; i < of.length && j < sub.length; i++) if (of[i] === sub[j]) j++;
  return j === sub.length;
}

function countsByCode(diagnostics: Diagnostic[], severity?: DiagnosticSeverity): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of diagnostics) if (severity === undefined || d.severity === severity) m.set(String(d.code), (m.get(String(d.code)) ?? 0) + 1);
  return m;
}

/** Applies edits and checks that nothing outside them changed: same prefix, same suffix, same gaps. */
export function applyChecked(document: TextDocument, edits: TextEdit[], what: string): string {
  const text = document.getText();
  const spans = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start);
  for (const e of edits) checkRange(document, e.range, `${what} edit`);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start, `${what}: its edits overlap`);
  const out = TextDocument.applyEdits(document, edits);
  // Rebuild from the spans and compare: every character outside the edited ranges is unchanged.
  let expected = '';
  let pos = 0;
  for (const s of spans) {
    expected += text.slice(pos, s.start) + s.newText;
    pos = s.end;
  }
  expected += text.slice(pos);
  assert.equal(out, expected, `${what}: the edit changed text outside its ranges`);
  return out;
}

export interface FixReport {
  fixes: number;
  fixAlls: number;
}

function describeFix(text: string, action: CodeAction | undefined, edits: TextEdit[]): string {
  return `${action ? `quick fix "${action.title}" for ${action.diagnostics?.[0]?.code}` : 'fixAll'} on ${show(text)} with edits ${JSON.stringify(edits)}`;
}

/** Every quick fix the service offers for every diagnostic, and fixAll, keep the data and do their job. */
export function checkFixes(text: string, options: { maxFixes?: number } = {}): FixReport {
  const { document, model, diagnostics } = analyse(text);
  const wellFormed = isWellFormed(text, diagnostics);
  const report: FixReport = { fixes: 0, fixAlls: 0 };
  const seen = new Set<string>();
  const oldErrors = countsByCode(diagnostics, DiagnosticSeverity.Error);
  const breaks = lineBreaks(text);
  const breaksAt = lineBreaksAt(text);
  const indents = indentations(text);
  for (const diagnostic of diagnostics) {
    if (options.maxFixes !== undefined && report.fixes >= options.maxFixes) break;
    const actions = codeActions(document, model, diagnostic.range, ['quickfix']);
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix', `codeActions(only: quickfix) returned a ${action.kind} action`);
      const fixed = action.diagnostics?.[0];
      assert.ok(fixed, `quick fix "${action.title}" names no diagnostic`);
      // The diagnostic it names is one validate reports (so the client can pair them).
      assert.ok(diagnostics.some((d) => d.code === fixed.code && d.message === fixed.message && JSON.stringify(d.range) === JSON.stringify(fixed.range)),
        `quick fix "${action.title}" names a diagnostic validate does not report: ${JSON.stringify(fixed)}`);
      const edits = action.edit?.changes?.[URI];
      assert.ok(edits && edits.length > 0, `quick fix "${action.title}" has no edits for the document`);
      const key = JSON.stringify([fixed.code, fixed.range, edits]);
      if (seen.has(key)) continue;
      seen.add(key);
      report.fixes++;
      const what = describeFix(text, action, edits);
      const out = applyChecked(document, edits, what);
      assert.notEqual(out, text, `${what}: the fix changes nothing`);
      // Each edit stays inside one attribute value of the key and writes neither '<' nor that value's quote,
      // or inside one attribute's name and writes a name.
      for (const e of edits) {
        const start = document.offsetAt(e.range.start);
        const end = document.offsetAt(e.range.end);
        const holding = attributeHolding(text, model, start, end);
        assert.ok(holding, `${what}: the edit [${start}, ${end}) is not inside one attribute's value or name`);
        const { attribute, part } = holding;
        if (part === 'name') {
          assert.match(e.newText, /^[A-Za-z_][\w.:-]*$/, `${what}: the new name is no XML name`);
          continue;
        }
        assert.ok(!e.newText.includes('<') && !e.newText.includes(attribute.quote),
          `${what}: the new text holds a raw '<' or the value's own quote ${attribute.quote}`);
        checkWrittenSeparators(text, text.slice(attribute.valueStart, attribute.valueEnd), e.newText, what);
      }
      // Line breaks a fix writes (a new item) are judged above; the others stay, and so do the indentations.
      const spans = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText }))
        .sort((a, b) => a.start - b.start);
      const writtenLines = spans.reduce((n, s) => n + lineBreaks(s.newText).length, 0);
      assert.ok(isSubsequence(lineBreaks(out), allowedBreaks(breaksAt, spans)), `${what}: the line endings changed`);
      if (writtenLines === 0) assert.ok(isSubsequence(indentations(out), indents), `${what}: the indentation changed`);
      if (/^Remove this item/.test(action.title)) {
        // Removing a repeated item of a list (extension-duplicate, mimemap-duplicate, ...) takes exactly one
        // line with it. (Counted by line breaks: the item before it may look like an attribute opening once
        // the closing quote joins it, e.g. an item `A=`.)
        assert.equal(lineBreaks(out).length, breaks.length - 1, `${what}: removed ${breaks.length - lineBreaks(out).length} lines, not one`);
        const removed = edits.map((e) => text.slice(document.offsetAt(e.range.start), document.offsetAt(e.range.end))).join('');
        assert.ok(/\S/.test(removed), `${what}: the removed line holds no item`);
      } else {
        // A fix that starts new lines adds that many lines with content; any other keeps their number.
        const expected = nonBlankLines(text) + writtenLines;
        assert.equal(nonBlankLines(out), expected, `${what}: lines were merged or lost (${expected} non-blank lines expected, ${nonBlankLines(out)} after)`);
      }
      const after = analyse(out).diagnostics;
      if (wellFormed) {
        assert.ok(XMLValidator.validate(out) === true, `${what}: the result is not well-formed XML (${JSON.stringify(XMLValidator.validate(out))})`);
        const nwf = after.find((d) => d.code === 'xml-not-well-formed');
        assert.ok(!nwf, `${what}: the service reports the result not well-formed: ${nwf ? messageOf(nwf) : ''}`);
      }
      // The fixed diagnostic is gone: no diagnostic of its code covers the place it was (mapped through the
      // edits). A diagnostic of the same code elsewhere (a second '%S' in the item, the other copy of a
      // duplicated verb) is not the one fixed.
      const code = String(fixed.code);
      const place = mapOffset(spans, document.offsetAt(fixed.range.start));
      const outDoc = doc(out);
      const still = after.find((d) => {
        if (d.code !== code) return false;
        const s = outDoc.offsetAt(d.range.start);
        const e = outDoc.offsetAt(d.range.end);
        return s === e ? s === place : s <= place && place < e;
      });
      // Another copy of the same finding moving into the place (two blank lines, one removed) is fine when
      // the document has one fewer of them.
      const fewer = after.filter((d) => d.code === code).length < diagnostics.filter((d) => d.code === code).length;
      assert.ok(!still || fewer, `${what}: the ${code} diagnostic is still there: ${still ? messageOf(still) : ''} at ${JSON.stringify(still?.range)}`);
      // No new error-severity diagnostic. A fix of a rule that stops the reading of its item (the item could
      // not be read before) may reveal errors that were hidden on that item's line: those are not new.
      const itemLine = outDoc.positionAt(place).line;
      for (const [c, n] of countsByCode(after, DiagnosticSeverity.Error)) {
        if (n <= (oldErrors.get(c) ?? 0)) continue;
        const fresh = after.filter((d) => d.code === c && d.severity === DiagnosticSeverity.Error);
        // Likewise a misspelt property name put right: its value is now read as that property's.
        const renamedValue = code === 'property-unknown' ? attributeValueAfter(out, place) : undefined;
        const inRenamed = (d: Diagnostic) => renamedValue !== undefined && renamedValue.start <= outDoc.offsetAt(d.range.start) && outDoc.offsetAt(d.range.end) <= renamedValue.end;
        const revealed = (GATE_RULES.has(code) && fresh.every((d) => d.range.start.line === itemLine || oldErrors.has(c)))
          || (renamedValue !== undefined && fresh.every((d) => inRenamed(d) || oldErrors.has(c)));
        if (revealed) {
          stats.revealed++;
          continue;
        }
        assert.fail(`${what}: a new error ${c} appears: ${messageOf(fresh[fresh.length - 1])}`);
      }
    }
  }
  // fixAll: keeps the data, keeps well-formedness, and is idempotent.
  const all = fixAll(document, model);
  if (all.length) {
    report.fixAlls++;
    const what = describeFix(text, undefined, all);
    const out = applyChecked(document, all, what);
    assert.ok(isSubsequence(lineBreaks(out), breaks), `${what}: the line endings changed`);
    assert.ok(isSubsequence(indentations(out), indents), `${what}: the indentation changed`);
    assert.equal(nonBlankLines(out), nonBlankLines(text), `${what}: lines were merged or lost (${nonBlankLines(text)} non-blank lines before, ${nonBlankLines(out)} after)`);
    const second = analyse(out);
    if (wellFormed) {
      assert.ok(XMLValidator.validate(out) === true, `${what}: the result is not well-formed XML`);
      assert.ok(!second.diagnostics.some((d) => d.code === 'xml-not-well-formed'), `${what}: the service reports the result not well-formed`);
    }
    // Fixing a rule that stops the reading of an item may reveal errors hidden on that item: at most one
    // revealed error of each code per fixed gate finding.
    const gates = diagnostics.filter((d) => GATE_RULES.has(String(d.code))).length;
    // A misspelt property name put right makes its value read as that property's: errors inside it are revealed.
    const allSpans = all.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText }));
    const renamed = diagnostics.filter((d) => d.code === 'property-unknown')
      .map((d) => attributeValueAfter(out, mapOffset(allSpans, document.offsetAt(d.range.start))))
      .filter((v): v is { start: number; end: number } => v !== undefined);
    const inRenamed = (d: Diagnostic) => renamed.some((v) => v.start <= second.document.offsetAt(d.range.start) && second.document.offsetAt(d.range.end) <= v.end);
    for (const [c, total] of countsByCode(second.diagnostics, DiagnosticSeverity.Error)) {
      const allowed = (oldErrors.get(c) ?? 0) + gates;
      const n = total - second.diagnostics.filter((d) => d.code === c && d.severity === DiagnosticSeverity.Error && inRenamed(d)).length;
      assert.ok(n <= allowed, `${what}: a new error ${c} appears (${oldErrors.get(c) ?? 0} before, ${n} after, outside renamed values)`);
      if (n > (oldErrors.get(c) ?? 0)) stats.revealed++;
    }
    const again = fixAll(second.document, second.model);
    assert.deepEqual(again, [], `${what}: fixAll is not idempotent; on its own result it still edits ${JSON.stringify(again)} giving ${show(again.length ? TextDocument.applyEdits(second.document, again) : '')}`);
  }
  // With the gate rules off, fixAll touches only readable items: it must not add a single error.
  if (gates(diagnostics)) {
    const settings = { rules: Object.fromEntries([...GATE_RULES].map((r) => [r, 'off' as const])) };
    const strict = fixAll(document, model, settings);
    if (strict.length) {
      const what = `${describeFix(text, undefined, strict)} (gate rules off)`;
      const out = applyChecked(document, strict, what);
      const after = analyse(out).diagnostics;
      for (const [c, n] of countsByCode(after, DiagnosticSeverity.Error)) {
        if (GATE_RULES.has(c)) continue;
        assert.ok(n <= (oldErrors.get(c) ?? 0), `${what}: a new error ${c} appears (${oldErrors.get(c) ?? 0} before, ${n} after)`);
      }
    }
  }
  return report;
}

/** The value of the attribute whose name starts at `at`: [start, end) inside its quotes; undefined when not one. */
function attributeValueAfter(text: string, at: number): { start: number; end: number } | undefined {
  const match = /^[^\s=<>"']*\s*=\s*(["'])/.exec(text.slice(at, at + 512));
  if (!match) return undefined;
  const start = at + match[0].length;
  const end = text.indexOf(match[1], start);
  return end < 0 ? undefined : { start, end };
}

function gates(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => GATE_RULES.has(String(d.code))).length;
}

/** Rules that stop the reading of their item: after their fix, the item's other problems show. */
export const GATE_RULES = new Set(['item-too-few-fields', 'processor-comma', 'processor-empty', 'processor-unclosed-quote']);

/** Counters of what the checks saw that is not a failure. */
export const stats = { revealed: 0 };

/** Where offset `o` of the old text lies in the new text (an offset inside an edited range maps to its start). */
function mapOffset(spans: { start: number; end: number; newText: string }[], o: number): number {
  let delta = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (o <= s.start) break;
    if (o < s.end) return s.start + delta;
    delta += s.newText.length - (s.end - s.start);
  }
  return o + delta;
}

/** The attribute of a key (or of its Custom children) whose raw value or name holds [start, end]. */
function attributeHolding(text: string, model: MetabaseModel, start: number, end: number): { attribute: Attribute; part: 'name' | 'value' } | undefined {
  const segment = model.segments[segmentAt(model, start)];
  const key = scanSegment(text, segment.start, segment.before).key;
  if (!key) return undefined;
  const attributes = [...key.attributes, ...key.children.flatMap((c) => c.attributes)];
  const value = attributes.find((a) => a.valueStart <= start && end <= a.valueEnd);
  if (value) return { attribute: value, part: 'value' };
  const name = attributes.find((a) => a.nameStart <= start && end <= a.nameEnd);
  return name && { attribute: name, part: 'name' };
}

// ---- incremental model ----

/** updateModel after a change gives the same diagnostics as reading the new text anew. */
export function checkIncremental(oldText: string, newText: string, change: { start: number; oldEnd: number; newEnd: number }): void {
  const model = parseModel(oldText);
  const updated = updateModel(model, newText, change);
  const document = doc(newText, 2);
  const incremental = validate(document, updated);
  const fresh = validate(document, parseModel(newText));
  assert.deepEqual(incremental, fresh, `updateModel after ${JSON.stringify(change)} differs from parseModel: ${show(oldText, 200)} -> ${show(newText, 200)}`);
}

// ---- hostile inputs: a time-independent proxy for linear work ----

/** How far the scanner looked, summed over segments, per character of text (quadratic scans show up as large). */
export function lookAheadRatio(text: string): number {
  const model = parseModel(text);
  let sum = 0;
  for (const s of model.segments) sum += s.reach - s.start;
  return sum / Math.max(text.length, 1);
}

export function show1(text: string): string {
  return show(text);
}
