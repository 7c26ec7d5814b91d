// Single-character edits for the keystroke benchmarks (bench/run.ts): where to type in a generated metabase,
// and the text after typing.

import { Prng } from './generate';

export interface Edit { offset: number; line: number; character: number; deleteLength: 0 | 1; text: string; kind: string }

/**
 * `count` single-character edits spread over the file, in increasing order, each on its own line: in
 * ScriptMaps items (a flags digit, a verb letter, a path character) and between elements (a space after an
 * end tag). Offsets and positions are those of the original text; only a space is ever inserted, never a line
 * break, so the positions of later edits stay right.
 */
export function planEdits(text: string, count: number, seed: number): Edit[] {
  const p = new Prng(seed);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0; let hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const edits: Edit[] = [];
  let floorAt = 0;
  let lastLine = -1;
  const kinds = ['flags', 'verb', 'path', 'whitespace'];
  for (let k = 0; k < count; k++) {
    const kind = kinds[k % kinds.length];
    let from = Math.max(floorAt, Math.floor(((k + 0.5) / count) * text.length));
    let edit: Edit | undefined;
    for (let attempt = 0; attempt < 50 && !edit; attempt++) {
      if (kind === 'whitespace') {
        const tag = text.indexOf('\n</', from);
        if (tag < 0) break;
        const gt = text.indexOf('>', tag);
        from = gt + 1;
        edit = { offset: gt + 1, line: 0, character: 0, deleteLength: 0, text: ' ', kind };
      } else {
        const attr = text.indexOf('ScriptMaps="', from);
        if (attr < 0) break;
        const vs = attr + 'ScriptMaps="'.length;
        const ve = text.indexOf('"', vs);
        from = ve + 1;
        const items: [number, number][] = [];
        for (let s = vs; s < ve;) {
          let e = text.indexOf('\n', s);
          if (e < 0 || e > ve) e = ve;
          const lineEnd = text.charCodeAt(e - 1) === 13 ? e - 1 : e;
          let first = s;
          while (text.charCodeAt(first) === 9) first++;
          items.push([first, lineEnd]);
          s = e + 1;
        }
        const [is, ie] = items[p.int(0, items.length - 1)];
        const commas: number[] = [];
        for (let c = text.indexOf(',', is); c >= 0 && c < ie; c = text.indexOf(',', c + 1)) commas.push(c);
        let at: number;
        let replacement: string;
        if (kind === 'flags' || (kind === 'verb' && commas.length < 3)) {
          if (commas.length < 2) continue;
          at = commas[1] + 1;
          replacement = text[at] === '5' ? '1' : '5';
        } else if (kind === 'verb') {
          at = commas[2] + 1;
          replacement = text[at].toLowerCase() === text[at] ? text[at].toUpperCase() : text[at].toLowerCase();
        } else {
          if (commas.length < 1) continue;
          at = commas[0] + 4; // inside the path, after 'C:\'
          if (at >= ie || !/[A-Za-z]/.test(text[at])) continue;
          replacement = text[at] === text[at].toUpperCase() ? text[at].toLowerCase() : text[at].toUpperCase();
        }
        edit = { offset: at, line: 0, character: 0, deleteLength: 1, text: replacement, kind };
      }
      if (edit) {
        const line = lineOf(edit.offset);
        if (line <= lastLine) { edit = undefined; continue; }
        edit.line = line;
        edit.character = edit.offset - lineStarts[line];
        lastLine = line;
      }
    }
    if (!edit) break;
    edits.push(edit);
    floorAt = edit.offset + 1;
  }
  return edits;
}

export function applyAll(text: string, edits: Edit[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const e of edits) {
    parts.push(text.slice(pos, e.offset), e.text);
    pos = e.offset + e.deleteLength;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
