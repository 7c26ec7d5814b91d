// Fixtures for the property rules: one key written in each layout (LF, CRLF, CR, BOM, BOM+CRLF, and all its
// attributes on one line), diagnostics at the [[ ]] markers, and every fix applied, compared as a whole text,
// revalidated, and judged by the independent oracle (saxes: one attribute changed, nothing else).

import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { judgePropertyFix } from '../fuzz/oracle';
import { EOLS, Eol, SeverityName, URI, assertDiagnostics, codes, doc, fixTitles, marked, quickFixes, wrapKeys } from './helpers';

export interface KeySpec {
  type?: string;
  location?: string;
  /** Attributes of the start tag after Location, `Name="value"`, with [[ ]] markers. */
  attributes: string[];
  /** <Custom> children, each as its attributes. */
  customs?: string[][];
}

export interface PropertyLayout {
  name: string;
  eol: Eol;
  bom?: boolean;
  /** Every attribute on the line of the element name, as some tools write them. */
  oneLine?: boolean;
}

export const LAYOUTS: PropertyLayout[] = [
  { name: 'LF', eol: 'LF' },
  { name: 'CRLF', eol: 'CRLF' },
  { name: 'CR', eol: 'CR' },
  { name: 'BOM+CRLF', eol: 'CRLF', bom: true },
  { name: 'one line', eol: 'LF', oneLine: true },
];

/** The key in the layout IIS writes (or on one line), wrapped in a metabase. */
export function keyText(spec: KeySpec, layout: PropertyLayout = LAYOUTS[0]): string {
  const type = spec.type ?? 'IIsWebVirtualDir';
  const location = `Location ="${spec.location ?? '/LM/W3SVC/1/ROOT'}"`;
  const customs = spec.customs ?? [];
  // A line break inside an attribute (between the items of a list) is written as the layout's.
  const attributes = spec.attributes.map((a) => a.replace(/\n/g, EOLS[layout.eol]));
  const lines = layout.oneLine
    ? [`<${type} ${[location, ...attributes].join(' ')}>`, ...customs.map((c) => `\t<Custom ${c.join(' ')}/>`)]
    : [`<${type}\t${location}`, ...attributes.map((a) => `\t\t${a}`), '\t>',
      ...customs.flatMap((c) => ['\t<Custom', ...c.map((a) => `\t\t${a}`), '\t/>'])];
  return wrapKeys([...lines, `</${type}>`], { eol: layout.eol, bom: layout.bom });
}

export interface PropertyFix {
  title: string;
  preferred?: boolean;
  /** The key after the fix (no markers). */
  after: KeySpec;
  /** Diagnostics left after the fix (codes); none by default. */
  remaining?: string[];
  /** What the changed attribute decodes to after the fix, as saxes reads it. */
  decoded: string;
}

export interface PropertyCase {
  name: string;
  key: KeySpec;
  expected: Array<[code: string, severity: SeverityName]>;
  /** The rule whose fixes are exercised (defaults to the first expected code). */
  fixCode?: string;
  /** Which of its diagnostics (in document order). */
  fixIndex?: number;
  fixes?: PropertyFix[];
}

export function propertyCase(t: typeof import('node:test').test, c: PropertyCase): void {
  for (const layout of LAYOUTS) {
    const source = keyText(c.key, layout);
    t(`${c.name} [${layout.name}]`, () => {
      assertDiagnostics(source, c.expected);
    });
    if (c.fixes === undefined) continue;
    const code = c.fixCode ?? c.expected[0][0];
    const index = c.fixIndex ?? 0;
    const { text } = marked(source);
    t(`${c.name}: fixes [${layout.name}]`, () => {
      assert.deepEqual(fixTitles(text, code, undefined, index), c.fixes!.map((f) => [f.title, f.preferred === true]));
    });
    for (const fix of c.fixes) {
      t(`${c.name}: '${fix.title}' [${layout.name}]`, () => {
        const action = quickFixes(text, code, undefined, index).find((a) => a.title === fix.title);
        assert.ok(action, `no fix '${fix.title}'`);
        const edits = action.edit!.changes![URI];
        const document = doc(text);
        const after = TextDocument.applyEdits(document, edits);
        assert.equal(after, marked(keyText(fix.after, layout)).text);
        assert.deepEqual(codes(after), fix.remaining ?? []);
        const changed = judgePropertyFix(text, after, fix.title,
          edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })));
        assert.equal(changed.value === fix.decoded || changed.name === fix.decoded, true,
          `the fix left ${changed.name}="${changed.value}", expected ${fix.decoded}`);
      });
    }
  }
}
