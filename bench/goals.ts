// The goal table that closes `npm run bench` (bench/run.ts): every goal of issue 15 (and issue 10's two) with
// the result of this run and whether it is met. A part of the run that was skipped or failed gives "n/a" with
// its reason, and "n/a" in the last column.

import { Doubling } from '../test/perf/doubling';
import { ProcessTiming } from './processes';
import { REQUESTS, Typing } from './typing';

/** A measured value, or why there is none. */
export type Measured<T> = T | { na: string };

export interface GoalInputs {
  /** Full validation and XMLValidator on the 45 MB text, in process (median ms). */
  validation: Measured<{ full: number; xmlValidator: number }>;
  /** Keystroke -> diagnostics on the 45 MB file, and the server's VmHWM after those edits. */
  keystrokes: Measured<{ p50: number; p95: number; edits: number; rssPeakMb?: number }>;
  /** Request times while typing in the 45 MB file. */
  typing: Measured<Pick<Typing, 'times' | 'stopped'>>;
  /** The CLI and xmllint as whole processes on the 45 MB file. */
  native: Measured<{ cli: ProcessTiming; xmllint: ProcessTiming }>;
  cli80: Measured<ProcessTiming>;
  doublings: Measured<Doubling[]>;
}

interface Row { measure: string; goal: string; result: string; met?: boolean }

const na = <T extends object>(m: Measured<T>): m is { na: string } => 'na' in m && typeof m.na === 'string';
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function row<T extends object>(measure: string, goal: string, m: Measured<T>, judge: (x: T) => [string, boolean]): Row {
  if (na(m)) return { measure, goal, result: `n/a (${m.na})` };
  const [result, met] = judge(m);
  return { measure, goal, result, met };
}

export function goalRows(m: GoalInputs): Row[] {
  const validation = (bound: number) => (v: { full: number; xmlValidator: number }): [string, boolean] =>
    [`${(v.full / v.xmlValidator).toFixed(2)}x (${fmt(v.full)} / ${fmt(v.xmlValidator)} ms)`, v.full / v.xmlValidator <= bound];
  const keystroke = (bound: number) => (k: { p50: number; p95: number; edits: number }): [string, boolean] =>
    [`${fmt(k.p95)} ms (p50 ${fmt(k.p50)}, ${k.edits} edits)`, k.p95 <= bound];
  const rows: Row[] = [
    row('CLI on the 45 MB file, whole process, against `xmllint --noout --huge` on the same file', '≤ 1.0x (issue 15)', m.native, ({ cli, xmllint }) => {
      if (cli.na || xmllint.na) return [`n/a (${cli.na ?? xmllint.na})`, false];
      const ratio = cli.wallMs! / xmllint.wallMs!;
      return [`${ratio.toFixed(2)}x (${fmt(cli.wallMs!)} / ${fmt(xmllint.wallMs!)} ms, medians of ${cli.runs})`, ratio <= 1];
    }),
    row('full validation in process against XMLValidator, 45 MB', '≤ 0.6x (issue 15)', m.validation, validation(0.6)),
    row('full validation in process against XMLValidator, 45 MB', '≤ 1.2x (issue 10)', m.validation, validation(1.2)),
    row('keystroke → diagnostics p95, 45 MB', '≤ 16 ms (issue 15)', m.keystrokes, keystroke(16)),
    row('keystroke → diagnostics p95, 45 MB', '≤ 40 ms (issue 10)', m.keystrokes, keystroke(40)),
    ...REQUESTS.map((kind) => row(`${kind}: p95 on the 45 MB file while typing`, '≤ 16 ms (issue 15)', m.typing, ({ times, stopped }): [string, boolean] => {
      const xs = times[kind];
      if (!xs.length) return ['n/a (no requests)', false];
      const p95 = percentile(xs, 95);
      const note = stopped?.by === kind ? `; ${stopped.why}` : '';
      return [`${fmt(p95)} ms (p50 ${fmt(percentile(xs, 50))}, ${xs.length} requests${note})`, p95 <= 16];
    })),
    row('server high-water mark while editing the 45 MB file (200 edits)', '≤ 400 MB (issue 15)', m.keystrokes, (k): [string, boolean] =>
      (k.rssPeakMb === undefined ? ['n/a (no /proc status)', false] : [`${k.rssPeakMb.toFixed(0)} MB (VmHWM, ${k.edits} edits)`, k.rssPeakMb <= 400])),
    row('CLI on 80 MB', '≤ 1.5 s and ≤ 300 MB (issue 15)', m.cli80, (c): [string, boolean] => {
      if (c.na) return [`n/a (${c.na})`, false];
      return [`${(c.wallMs! / 1000).toFixed(2)} s, ${c.rssMb?.toFixed(0) ?? 'n/a'} MB (medians of ${c.runs})`, c.wallMs! <= 1500 && (c.rssMb ?? Infinity) <= 300];
    }),
    row('every pathological shape of the data-safety issue (test/perf/doubling.ts)', 'linear; doubling ≤ 2.2x (issue 15)', m.doublings, (ds): [string, boolean] => {
      const worst = ds.reduce((a, b) => (b.perDoubling > a.perDoubling ? b : a));
      return [`worst ${worst.perDoubling.toFixed(2)}x per doubling: ${worst.name} (${ds.length} measured)`, worst.perDoubling <= 2.2];
    }),
  ];
  // A contender that failed inside a measured part is not a result either.
  return rows.map((r) => (r.result.startsWith('n/a') ? { ...r, met: undefined } : r));
}

export function goalTable(rows: Row[]): string[] {
  return [
    '| measure | goal | result | met |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.goal} | ${r.result} | ${r.met === undefined ? 'n/a' : r.met ? 'yes' : 'no'} |`),
  ];
}
