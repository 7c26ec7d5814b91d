// Whole-process timings (bench/run.ts): the CLI and libxml2's `xmllint --noout --huge` on the same file, wall
// time from spawn to exit and peak RSS (GNU time's "Maximum resident set size" when /usr/bin/time exists,
// else the child's VmHWM polled every 20 ms), the median of runs that alternate between the two.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readStatus } from './server';

export const CLI = process.env.BENCH_CLI ?? join(__dirname, '..', '..', 'dist', 'cli.js');

export interface ProcessRun { wallMs?: number; rssMb?: number; exit?: number | null; outBytes?: number; na?: string }

/** The median of each of `runs`' numbers, or the first run's reason when one failed. */
export interface ProcessTiming extends ProcessRun { runs: number }

export function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((p) => existsSync(p));
}

export const XMLLINT_MISSING = 'xmllint not installed: apt-get install libxml2-utils';

/** `node dist/cli.js <file> --format json`, its JSON counted (exit 0: no problems, 1: problems). */
export function cliRun(path: string): Promise<ProcessRun> {
  if (!existsSync(CLI)) return Promise.resolve({ na: 'dist/cli.js missing' });
  return run(process.execPath, [CLI, path, '--format', 'json'], [0, 1], true);
}

/** `node dist/cli.js --jobs <jobs> <files...> --format json`: many files in one run. */
export function cliFleetRun(paths: readonly string[], jobs: number | 'auto'): Promise<ProcessRun> {
  if (!existsSync(CLI)) return Promise.resolve({ na: 'dist/cli.js missing' });
  return run(process.execPath, [CLI, '--jobs', String(jobs), ...paths, '--format', 'json'], [0, 1], true);
}

/** `xmllint --noout --huge <file>` (exit 0: well-formed). */
export function xmllintRun(path: string): Promise<ProcessRun> {
  const xmllint = onPath('xmllint');
  if (!xmllint) return Promise.resolve({ na: XMLLINT_MISSING });
  return run(xmllint, ['--noout', '--huge', path], [0], false);
}

/**
 * `runs` timed runs of each contender, alternating (the first of each round changes too), after one untimed
 * run each that brings the file and the program into the page cache.
 */
export async function sideBySide(contenders: Array<() => Promise<ProcessRun>>, runs: number): Promise<ProcessTiming[]> {
  const all = contenders.map(() => [] as ProcessRun[]);
  for (const c of contenders) await c();
  for (let r = 0; r < runs; r++) {
    const order = contenders.map((_, k) => (k + r) % contenders.length);
    for (const k of order) all[k].push(await contenders[k]());
  }
  return all.map((results) => {
    const failed = results.find((x) => x.na);
    if (failed) return { runs, na: failed.na };
    const rss = results.flatMap((x) => (x.rssMb === undefined ? [] : [x.rssMb]));
    return {
      runs, wallMs: median(results.map((x) => x.wallMs!)), rssMb: rss.length ? median(rss) : undefined,
      exit: results[0].exit, outBytes: results[0].outBytes,
    };
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function run(program: string, programArgs: string[], okExits: number[], needsOutput: boolean): Promise<ProcessRun> {
  const useTime = existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : program;
  const args = useTime ? ['-v', program, ...programArgs] : programArgs;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let outBytes = 0;
    let stderr = '';
    let polled = 0;
    child.stdout.on('data', (d: Buffer) => { outBytes += d.length; });
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-8000); });
    const poll = useTime ? undefined : setInterval(() => { polled = Math.max(polled, readStatus(child.pid, 'VmHWM') ?? 0); }, 20);
    const timer = setTimeout(() => child.kill('SIGKILL'), 600000);
    child.on('error', (e) => { clearTimeout(timer); if (poll) clearInterval(poll); resolve({ na: e.message }); });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      if (signal) { resolve({ na: `killed (${signal}) after ${wallMs.toFixed(0)} ms` }); return; }
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const exit = useTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code) : code;
      if (!okExits.includes(exit ?? -1)) {
        resolve({ na: `exit ${exit}: ${stderr.trim().split('\n').filter((l) => !/^(\t|Command exited)/.test(l)).slice(-1)[0] ?? ''}` });
        return;
      }
      if (needsOutput && outBytes === 0) { resolve({ na: `no output (exit ${exit})` }); return; }
      resolve({ wallMs, rssMb: rss ? Number(rss[1]) / 1024 : polled || undefined, exit, outBytes });
    });
  });
}
