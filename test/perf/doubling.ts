// Doubling ratios over pathological shapes: the time of parseModel + validate, and of fixAll, at sizes
// 1x, 2x, 4x, 8x. Linear work gives ~2x per doubling, quadratic ~4x. Used by test/perf/doubling.test.ts
// (small sizes, in npm test) and by `npm run fuzz` (large sizes).

import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, parseModel, validate } from '../../server/src/service';

const ITEM = '.a,C:\\x\\a.dll,5,GET';

function document(keys: string, eol = '\r\n'): string {
  return [`\uFEFF<?xml version ="1.0"?>`, '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', keys,
    '</MBProperty>', '</configuration>', ''].join(eol);
}

function key(scriptMaps: string, children = '', eol = '\r\n'): string {
  return `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"${eol}\t\tScriptMaps="${scriptMaps}"${eol}\t>${eol}${children}</IIsWebVirtualDir>`;
}

const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

/** Each shape makes a document of size n (n verbs, items, keys...). */
export const SHAPES: Record<string, (n: number) => string> = {
  'one item with n verbs (lower case, some twice)': (n) => document(key(`.a,C:\\x\\a.dll,5,${times(n, (i) => `get${i % (n >> 1 || 1)}`).join(',')}`)),
  'one item and n blank items': (n) => document(key([ITEM, ...times(n, () => '')].join('\r\n\t\t\t'))),
  'n duplicate extensions': (n) => document(key(times(n, () => ITEM).join('\r\n\t\t\t'))),
  'one processor with n character references': (n) => document(key(`.a,C:\\x\\${'&#97;'.repeat(n)}.dll,5,GET`)),
  'one item with n quotes': (n) => document(key(`.a,&quot;C:\\Program Files\\x.exe${' &quot;%s'.repeat(n)},5,GET`)),
  'n items after encoded line breaks': (n) => document(key(times(n, (i) => ITEM.replace('.a', `.a${i}`)).join('&#13;&#10;'))),
  'n blank items as encoded line breaks': (n) => document(key(`${ITEM}${'&#10;'.repeat(n)}.b,C:\\x\\b.dll,5,GET`)),
  'n keys': (n) => document(times(n, (i) => key(`${ITEM.replace('.a', `.a${i}`)}\r\n\t\t\tasp,C:\\x\\y.exe,5x,get,,POST`)).join('\r\n')),
  'n <Custom> elements in one key': (n) => document(key(ITEM, times(n, (i) => `\t<Custom Name="ScriptMaps" ID="${i % 4 ? 6000 + i : 6014}" Value="${ITEM}&#10;.b,x.exe,x" Type="MULTISZ"/>\r\n`).join(''))),
  'one line of n verbs (the whole document on one line)': (n) => document(key(`.a,C:\\x\\a.dll,5,${times(n, (i) => (i % 2 ? 'post' : ` GET${i}`)).join(',')}`, '', ' '), ' '),
};

/** validate: parseModel + validate; fixAll: parseModel + fixAll. */
export type Operation = 'validate' | 'fixAll';

/** The time of one operation on `text`, in ms, parse included (what a user waits for). */
function timeOnce(text: string, operation: Operation): number {
  const t0 = process.hrtime.bigint();
  const doc = TextDocument.create('file:///m.xml', 'iis-metabase', 1, text);
  const model = parseModel(text);
  if (operation === 'validate') validate(doc, model);
  else fixAll(doc, model);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median of `runs` runs after one warm-up. */
function timeOf(text: string, operation: Operation, runs: number): number {
  timeOnce(text, operation);
  return median(times(runs, () => String(timeOnce(text, operation))).map(Number));
}

export interface Doubling {
  shape: string;
  operation: Operation;
  sizes: number[];
  ms: number[];
  /** ms[k + 1] / ms[k]. */
  ratios: number[];
  max: number;
}

/**
 * Measures one shape: the smallest size from 64 up (doubling) whose median time reaches `minMs`, then 1x,
 * 2x, 4x, 8x of it. A ratio above `limit` is measured again (up to three times: median of 5 rounds, the two
 * sizes interleaved) before it counts, so that a burst of load from other processes (or a garbage
 * collection) is not taken for superlinear work: quadratic work is ~4x on every try.
 */
export function measure(shape: string, operation: Operation, options: { minMs: number; runs: number; limit: number; maxN: number }): Doubling {
  const make = SHAPES[shape];
  let n = 32;
  let texts: string[];
  let ms: number[];
  // The smallest size that reaches minMs; measured again when the 1x size turns out below half of it.
  do {
    n *= 2;
    while (n < options.maxN && timeOf(make(n), operation, 3) < options.minMs) n *= 2;
    texts = [n, 2 * n, 4 * n, 8 * n].map(make);
    ms = texts.map((t) => timeOf(t, operation, options.runs));
  } while (ms[0] < options.minMs / 2 && n < options.maxN);
  const sizes = [n, 2 * n, 4 * n, 8 * n];
  const ratios = ms.slice(1).map((m, k) => m / ms[k]);
  for (let k = 0; k < ratios.length; k++) {
    for (let retry = 0; retry < 3 && ratios[k] > options.limit; retry++) {
      const small: number[] = [];
      const large: number[] = [];
      for (let round = 0; round < 5; round++) {
        small.push(timeOf(texts[k], operation, 1));
        large.push(timeOf(texts[k + 1], operation, 1));
      }
      ms[k] = median(small);
      ms[k + 1] = median(large);
      ratios[k] = ms[k + 1] / ms[k];
    }
  }
  return { shape, operation, sizes, ms, ratios, max: Math.max(...ratios) };
}

export function describeDoubling(d: Doubling): string {
  return `${d.max.toFixed(2)}x  ${d.operation} on ${d.shape}: n = ${d.sizes.join(', ')}: ${d.ms.map((m) => m.toFixed(1)).join(' / ')} ms`;
}
