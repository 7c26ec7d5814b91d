// The semantic diff on two ~45 MB metabases (`npm run bench:diff`): the generated file against a copy
// saved again by "IIS" (the bookkeeping moved, every line ending LF instead of CRLF, which makes every key's
// text differ) with a few real edits. Prints the in-process time of diffMetabases and the CLI's wall time
// and peak RSS (GNU time when present), for 45 MB and for half of it, so that linear growth shows.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffMetabases, isMeaningful } from '../server/src/service/diff';
import { DATA_DIR, ensureFile, readGenerated } from './generate';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/** The same metabase saved again: bookkeeping moved, LF line endings, one property and one item edited, one key added. */
function edited(text: string): string {
  return text
    .replace(/ChangeNumber="\d+"/, 'ChangeNumber="999999"')
    .replace(/AccessFlags="AccessRead \| AccessScript"/, 'AccessFlags="AccessRead"')
    .replace('asp.dll,5,GET,HEAD,POST,TRACE', 'asp.dll,1,GET,HEAD,POST')
    .replace('</MBProperty>', '<IIsWebServer\tLocation ="/LM/W3SVC/999999"\r\n\t\tServerComment="Added"\r\n\t>\r\n</IIsWebServer>\r\n</MBProperty>')
    .replace(/\r\n/g, '\n');
}

function measure(label: string, bytes: number): void {
  const oldPath = ensureFile(label, bytes);
  const oldText = readGenerated(oldPath);
  const newText = edited(oldText);
  const newPath = join(DATA_DIR, `diff-${label}-new.xml`);
  writeFileSync(newPath, newText);
  const t0 = performance.now();
  const diff = diffMetabases(oldText, newText);
  const inProcess = performance.now() - t0;
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-v'] : [];
  const t1 = performance.now();
  const run = spawnSync(time[0] ?? process.execPath, [...time.slice(1), ...(time.length ? [process.execPath] : []), CLI, 'diff', oldPath, newPath], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - t1;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  console.log(`${label}: ${(oldText.length / 1e6).toFixed(1)} MB vs ${(newText.length / 1e6).toFixed(1)} MB, ` +
    `${diff.keys.length} keys changed (meaningful: ${isMeaningful(diff)}); diffMetabases ${inProcess.toFixed(0)} ms; ` +
    `CLI wall ${wall.toFixed(0)} ms, exit ${run.status}, peak RSS ${rss ? `${(Number(rss[1]) / 1024).toFixed(0)} MB` : 'n/a (no GNU time)'}`);
}

measure('22MB', 22.5e6);
measure('45MB', 45e6);
