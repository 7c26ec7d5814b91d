// Helpers for the language service's unit tests, in the style of vscode-css-languageservice: documents are
// written inline in the layout IIS writes, expected ranges are marked in the text with [[ ]], and quick
// fixes are applied and the whole resulting text compared.

import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, MarkupKind, Range, TextEdit } from 'vscode-languageserver-types';
import {
  MetabaseSettings, codeActions, fixAll, hover, parseModel, validate,
} from '../../server/src/service';

export const URI = 'file:///test/MetaBase.xml';

export type Eol = 'LF' | 'CRLF' | 'CR';
export const EOLS: Record<Eol, string> = { LF: '\n', CRLF: '\r\n', CR: '\r' };

export interface LayoutOptions {
  eol?: Eol;
  /** The key element's name (its type). */
  keyType?: string;
  location?: string;
  /** The quote around the ScriptMaps value. */
  quote?: '"' | "'";
  /** Starts the text with U+FEFF. */
  bom?: boolean;
  /** Leave out the xmlns of <configuration>. */
  noNamespace?: boolean;
}

/**
 * A metabase in the layout IIS writes, with one key carrying ScriptMaps. Items 2..n are indented with three
 * TABs, except an item written with a leading `^`, which is written as it is (without the `^`). The text may
 * hold [[ ]] markers: see `marked`.
 */
export function metabase(items: string[], options: LayoutOptions = {}): string {
  const nl = EOLS[options.eol ?? 'LF'];
  const q = options.quote ?? '"';
  const type = options.keyType ?? 'IIsWebVirtualDir';
  const location = options.location ?? '/LM/W3SVC/1/ROOT';
  const xmlns = options.noNamespace ? '' : ' xmlns="urn:microsoft-catalog:XML_Metabase_V64_0"';
  return [
    `${options.bom ? '\ufeff' : ''}<?xml version ="1.0"?>`,
    `<configuration${xmlns}>`,
    '<MBProperty>',
    `<${type}\tLocation ="${location}"`,
    `\t\tScriptMaps=${q}${items.map((item, i) => item.startsWith('^') ? item.slice(1) : i > 0 ? `\t\t\t${item}` : item).join(nl)}${q}`,
    '\t>',
    `</${type}>`,
    '</MBProperty>',
    '</configuration>',
    '',
  ].join(nl);
}

/** Wraps the lines of a key (or several keys) in the declaration, <configuration> and <MBProperty>. */
export function wrapKeys(keys: string[], options: { eol?: Eol; bom?: boolean } = {}): string {
  const nl = EOLS[options.eol ?? 'LF'];
  return [
    `${options.bom ? '\ufeff' : ''}<?xml version ="1.0"?>`,
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    ...keys,
    '</MBProperty>',
    '</configuration>',
    '',
  ].join(nl);
}

/** The lines of a key in the layout IIS writes, one attribute per line (for wrapKeys). */
export function key(type: string, location: string, ...attributes: string[]): string[] {
  return [`<${type}\tLocation ="${location}"`, ...attributes.map((a) => `\t\t${a}`), '\t>', `</${type}>`];
}

/** The items of a list value, written on lines of their own as IIS writes them. */
export function list(...items: string[]): string {
  return items.join('\n\t\t\t');
}

/** Converts the line breaks of an LF text. */
export function withEol(text: string, eol: Eol): string {
  return text.replace(/\n/g, EOLS[eol]);
}

export interface Marked {
  text: string;
  /** Offsets of every [[ ]] pair, in order of their `[[`. */
  spans: Array<{ start: number; end: number }>;
}

/** Strips `[[` and `]]` markers from a text and returns the offsets they enclosed. */
export function marked(source: string): Marked {
  let text = '';
  const spans: Array<{ start: number; end: number }> = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; ) {
    if (source.startsWith('[[', i)) {
      spans.push({ start: text.length, end: -1 });
      open.push(spans.length - 1);
      i += 2;
    } else if (source.startsWith(']]', i)) {
      const k = open.pop();
      assert.ok(k !== undefined, `unbalanced ']]' at ${i}`);
      spans[k].end = text.length;
      i += 2;
    } else {
      text += source[i++];
    }
  }
  assert.equal(open.length, 0, 'unbalanced [[');
  return { text, spans };
}

export function doc(text: string): TextDocument {
  return TextDocument.create(URI, 'iis-metabase', 1, text);
}

/** The LSP range of offsets [start, end) of a text. */
export function rangeIn(text: string, start: number, end: number): Range {
  const d = doc(text);
  return { start: d.positionAt(start), end: d.positionAt(end) };
}

/** The ranges of the [[ ]] markers of a marked text. */
export function markedRanges(source: string): { text: string; ranges: Range[] } {
  const { text, spans } = marked(source);
  return { text, ranges: spans.map((s) => rangeIn(text, s.start, s.end)) };
}

/** A literal range: line and character of start and end. */
export function r(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
const SEVERITY_NAMES: Record<number, SeverityName> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface Found {
  code: string;
  severity: SeverityName;
  range: Range;
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character ||
    a.end.line - b.end.line || a.end.character - b.end.character;
}

export function diagnostics(text: string, settings?: MetabaseSettings): Diagnostic[] {
  const d = doc(text);
  return validate(d, parseModel(text), settings);
}

/** Validates and returns {code, severity, range} sorted by range then code. */
export function check(text: string, settings?: MetabaseSettings): Found[] {
  return diagnostics(text, settings)
    .map((d) => ({ code: String(d.code), severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error], range: d.range }))
    .sort((a, b) => compareRanges(a.range, b.range) || a.code.localeCompare(b.code));
}

/** Just the codes, sorted the same way. */
export function codes(text: string, settings?: MetabaseSettings): string[] {
  return check(text, settings).map((f) => f.code);
}

/**
 * Validates a text holding [[ ]] markers and asserts that the diagnostics are exactly `expected`, in the
 * order of the markers (one marker per expected diagnostic).
 */
export function assertDiagnostics(source: string, expected: Array<[code: string, severity: SeverityName]>, settings?: MetabaseSettings): string {
  const { text, ranges } = markedRanges(source);
  assert.equal(ranges.length, expected.length, 'one [[ ]] marker per expected diagnostic');
  const want = expected.map(([code, severity], i) => ({ code, severity, range: ranges[i] }))
    .sort((a, b) => compareRanges(a.range, b.range) || a.code.localeCompare(b.code));
  assert.deepEqual(check(text, settings), want);
  return text;
}

/** The quick fixes offered for the (first) diagnostic with `code`, for the diagnostic's own range. */
export function quickFixes(text: string, code: string, settings?: MetabaseSettings, index = 0): CodeAction[] {
  const d = doc(text);
  const model = parseModel(text);
  const all = validate(d, model, settings).filter((x) => x.code === code);
  assert.ok(all.length > index, `no diagnostic ${code} #${index} in:\n${text}`);
  const diagnostic = all[index];
  return codeActions(d, model, diagnostic.range, [CodeActionKind.QuickFix], settings)
    .filter((a) => a.diagnostics?.some((x) => x.code === code && sameRange(x.range, diagnostic.range)));
}

function sameRange(a: Range, b: Range): boolean {
  return compareRanges(a, b) === 0;
}

export function fixTitles(text: string, code: string, settings?: MetabaseSettings, index = 0): Array<[string, boolean]> {
  return quickFixes(text, code, settings, index).map((a) => [a.title, a.isPreferred === true]);
}

/** Applies the quick fix titled `title` of the (first) diagnostic with `code`; returns the whole text. */
export function applyFix(text: string, code: string, title: string, settings?: MetabaseSettings, index = 0): string {
  const actions = quickFixes(text, code, settings, index);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no fix '${title}' for ${code}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = action.edit?.changes?.[URI];
  assert.ok(edits && edits.length > 0, `the fix '${title}' has no edits for ${URI}`);
  return TextDocument.applyEdits(doc(text), edits);
}

export function fixAllEdits(text: string, settings?: MetabaseSettings): TextEdit[] {
  return fixAll(doc(text), parseModel(text), settings);
}

export function fixAllText(text: string, settings?: MetabaseSettings): string {
  return TextDocument.applyEdits(doc(text), fixAllEdits(text, settings));
}

export function hoverAt(text: string, offset: number, settings?: MetabaseSettings, format?: MarkupKind) {
  const d = doc(text);
  return hover(d, parseModel(text), d.positionAt(offset), settings, format);
}

/** The hover at the `|` in a source text (the `|` is removed). */
export function hoverAtBar(source: string, settings?: MetabaseSettings) {
  const at = source.indexOf('|');
  assert.ok(at >= 0, 'no | in the source');
  const text = source.slice(0, at) + source.slice(at + 1);
  return { text, hover: hoverAt(text, at, settings) };
}

export function hoverMarkdown(h: ReturnType<typeof hoverAt>): string {
  assert.ok(h, 'expected a hover');
  const contents = h.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

export const VARIANTS: Array<{ name: string; options: LayoutOptions }> = [
  { name: 'LF', options: { eol: 'LF' } },
  { name: 'CRLF', options: { eol: 'CRLF' } },
  { name: 'CR', options: { eol: 'CR' } },
  { name: 'BOM', options: { eol: 'LF', bom: true } },
  { name: 'BOM+CRLF', options: { eol: 'CRLF', bom: true } },
];

export interface FixCase {
  title: string;
  /** The items after the fix (no markers). */
  after: string[];
  /** Diagnostics left after the fix (codes); none by default. */
  remaining?: string[];
}

export interface RuleCase {
  name: string;
  /** Items with one [[ ]] marker per expected diagnostic. */
  items: string[];
  expected: Array<[code: string, severity: SeverityName]>;
  /** The rule whose fixes are exercised (defaults to the first expected code). */
  fixCode?: string;
  /** Every fix offered for it, in order, with whether it is preferred. */
  fixes?: Array<FixCase & { preferred?: boolean }>;
  layout?: LayoutOptions;
}

/**
 * Registers, for each layout variant (LF, CRLF, CR, BOM), a test of the diagnostics at the marked ranges,
 * and a test of every fix: the offered titles, the whole text after each, and a clean revalidation.
 */
export function ruleCase(t: typeof import('node:test').test, c: RuleCase): void {
  for (const variant of VARIANTS) {
    const options = { ...c.layout, ...variant.options };
    const source = metabase(c.items, options);
    t(`${c.name} [${variant.name}]`, () => {
      assertDiagnostics(source, c.expected);
    });
    if (c.fixes === undefined) continue;
    const code = c.fixCode ?? c.expected[0][0];
    const { text } = marked(source);
    t(`${c.name}: fixes [${variant.name}]`, () => {
      assert.deepEqual(fixTitles(text, code), c.fixes!.map((f) => [f.title, f.preferred === true]));
    });
    for (const fix of c.fixes) {
      t(`${c.name}: '${fix.title}' [${variant.name}]`, () => {
        const after = applyFix(text, code, fix.title);
        assert.equal(after, metabase(fix.after, options));
        assert.deepEqual(codes(after), fix.remaining ?? []);
      });
    }
  }
}

/** Items IIS itself writes: the validator is silent on them. */
export const ASP = String.raw`.asp,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET,HEAD,POST,TRACE`;
export const IDC = String.raw`.idc,C:\WINDOWS\system32\inetsrv\httpodbc.dll,5,GET,POST`;
export const ASPX = String.raw`.aspx,C:\WINDOWS\Microsoft.NET\Framework\v2.0.50727\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG`;
