// Many files at once (--jobs): a pool of worker threads (the CLI's own script, started in worker mode), each
// linting the files it is handed one by one. The reports come back in any order and are handed on in the
// order of the files, so that the output is the same as one thread's. Each thread warms up on its own and
// one file is never split (the checks across keys need all of it): threads pay off for large files, on
// more cores than the garbage collector's threads already use.

import { availableParallelism } from 'node:os';
import { Stats, statSync } from 'node:fs';
import { inspect } from 'node:util';
import { Worker, parentPort } from 'node:worker_threads';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { MetabaseSettings } from '../service';
import { SchemaFacts, iisSchemaFacts } from '../service/schema';
import { FileError } from './files';
import { Counts, ProblemData, ProblemList, count, emptyCounts } from './formats';
import { lintFile } from './lintFile';
import { readSchema } from './schema';

/** What of a file's problems is reported: errors only, and at most this many. */
export interface View {
  quiet: boolean;
  limit?: number;
}

/**
 * What a file came to: what could not be done, and, when it could be read, the problems to report (in the
 * view), how many the view left out past its limit, and the counts of all and of those in the view.
 */
export interface Outcome<P = ProblemList> {
  refusals: string[];
  shown?: { diagnostics: P; omitted: number; all: Counts; reported: Counts };
  /** A worker's file with more problems than MAX_HANDED to report: to be linted again where it is reported. */
  again?: boolean;
}

/**
 * The most problems a worker thread hands over. Reports wait in the main thread for their turn (see
 * AHEAD_PER_WORKER) with copies of their messages: a few files of millions of problems ran it out of
 * memory where one thread had one report at a time. Such a file is linted again, in the main thread.
 */
const MAX_HANDED = 100_000;

export interface Task {
  file: string;
  fix: boolean;
  settings: MetabaseSettings;
  view: View;
  /** The schema file to check it against (none: IIS 6's own). */
  schema?: string;
}

/** Marks a worker started by the pool (see isLintWorker). */
const WORKER_DATA = 'metabase-lint worker';

/**
 * `auto` uses worker threads when there is this much to read, in two files or more: each thread warms up
 * its own compiled code (about 0.3 s of CPU), and on two cores the garbage collector's threads of one
 * thread use the other core already, so smaller fleets are done sooner by one thread.
 */
const AUTO_BYTES = 32 << 20;

/** How many files may be done ahead of the first one not yet reported (their reports wait in memory). */
const AHEAD_PER_WORKER = 2;

/**
 * The files linted at once for `--jobs` (1: in this thread): at most one per CPU (a thread per file more
 * only costs memory) and per file. With --fix, files that are one file under two names are fixed one after
 * the other, as in one thread: one thread then.
 */
export function jobsFor(jobs: number | 'auto', files: readonly string[], fix: boolean): number {
  const most = Math.min(availableParallelism(), files.length);
  if (most < 2 || jobs === 1) return 1;
  // Read only when the size or the identity of the files is asked.
  const sizes = jobs === 'auto' || fix ? files.map(statOf) : [];
  if (jobs === 'auto' && sizes.reduce((sum, s) => sum + (s?.size ?? 0), 0) < AUTO_BYTES) return 1;
  if (fix) {
    const seen = new Set<string>();
    for (const s of sizes) {
      if (!s) continue;
      const id = `${s.dev}:${s.ino}`;
      if (seen.has(id)) return 1;
      seen.add(id);
    }
  }
  return jobs === 'auto' ? most : Math.min(jobs, most);
}

/** Undefined for a file that cannot be read (it is reported when it is read). */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** One file through the language service; a file that cannot be read is a refusal, not an exception. */
export function lintTask({ file, fix, settings, view }: Task, facts: SchemaFacts): Outcome {
  const refusals: string[] = [];
  let diagnostics: Iterable<Diagnostic>;
  try {
    diagnostics = lintFile(file, fix, settings, (message) => refusals.push(message), facts).diagnostics;
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    refusals.push(error.message);
    return { refusals };
  }
  // The view is applied where the file was linted: a thread hands over only what is reported.
  const all = emptyCounts();
  const reported = emptyCounts();
  const shown = new ProblemList();
  let omitted = 0;
  for (const d of diagnostics) {
    count(all, d);
    if (view.quiet && d.severity !== DiagnosticSeverity.Error) continue;
    count(reported, d);
    if (shown.length < (view.limit ?? Infinity)) shown.push(d);
    else omitted++;
  }
  return { refusals, shown: { diagnostics: shown, omitted, all, reported } };
}

/**
 * Lints `tasks` in `jobs` worker threads started from `script`; `report` gets each outcome in the order of
 * the tasks. False, with nothing reported, when no thread could be started (a limit on threads): the caller
 * lints in its own. Rejects on a failure of the linter itself (an exception other than a file's, a thread
 * that died or ran out of memory): the caller reports an internal error.
 */
export function lintInWorkers(script: string, jobs: number, tasks: readonly Task[], report: (index: number, outcome: Outcome) => void): Promise<boolean> {
  const workers: Worker[] = [];
  for (let i = 0; i < jobs; i++) {
    try {
      workers.push(new Worker(script, { workerData: WORKER_DATA }));
    } catch {
      // EAGAIN under a limit on threads: the ones started do the work.
      break;
    }
  }
  if (workers.length === 0) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const done = new Map<number, Outcome>();
    const busy = new Map<Worker, number>();
    const idle: Worker[] = [];
    const ahead = workers.length * AHEAD_PER_WORKER;
    let reported = 0;
    let sent = 0;
    let over = false;
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(true);
      else reject(error);
    };
    const linting = (worker: Worker) => {
      const index = busy.get(worker);
      return index === undefined ? '' : ` while linting ${tasks[index].file}`;
    };
    const feed = (worker: Worker) => {
      if (sent < tasks.length && sent - reported < ahead) {
        busy.set(worker, sent);
        worker.postMessage({ index: sent, task: tasks[sent++] });
      } else {
        busy.delete(worker);
        idle.push(worker);
      }
    };
    const receive = (worker: Worker, answer: Answer) => {
      if (over) return;
      if ('internal' in answer) {
        finish(new Error(`while linting ${tasks[answer.index].file}: ${answer.internal}`));
        return;
      }
      const { refusals, shown, again } = answer.outcome;
      done.set(answer.index, { refusals, shown: shown && { ...shown, diagnostics: ProblemList.fromData(shown.diagnostics) }, again });
      try {
        for (let next = done.get(reported); next; next = done.get(reported)) {
          done.delete(reported);
          report(reported++, next);
        }
      } catch (error) {
        // The report failed (an internal error of the main thread): that is the run's outcome.
        finish(error instanceof Error ? error : new Error(inspect(error)));
        return;
      }
      if (reported === tasks.length) {
        finish();
        return;
      }
      feed(worker);
      // Reports handed on make room for the workers that waited.
      while (idle.length && sent < tasks.length && sent - reported < ahead) feed(idle.shift()!);
    };
    for (const worker of workers) {
      worker.on('message', (answer: Answer) => receive(worker, answer));
      // Out of memory, or a fault of the thread itself.
      worker.on('error', (error) => finish(new Error(`a worker thread failed${linting(worker)}: ${error.message}`)));
      worker.on('exit', (code) => finish(new Error(`a worker thread stopped (exit code ${code})${linting(worker)}`)));
      feed(worker);
    }
  });
}

/** An outcome as it crosses from a worker thread: its problems as plain data. */
type Answer = { index: number; outcome: Outcome<ProblemData> } | { index: number; internal: string };

/** Whether this thread is one the pool started. */
export function isLintWorker(data: unknown): boolean {
  return data === WORKER_DATA;
}

/** The worker's side: lints each task it is sent and answers with its outcome. */
export function serveTasks(): void {
  const port = parentPort!;
  const schemas = new Map<string, SchemaFacts>();
  port.on('message', ({ index, task }: { index: number; task: Task }) => {
    try {
      const refusals: string[] = [];
      const facts = task.schema === undefined ? iisSchemaFacts() : schemaFacts(schemas, task.schema, refusals);
      const { refusals: more, shown } = lintTask(task, facts);
      const again = shown !== undefined && shown.diagnostics.length > MAX_HANDED;
      const data = again ? undefined : shown?.diagnostics.toData();
      const answer: Answer = { index, outcome: { refusals: [...refusals, ...more], shown: shown && data && { ...shown, diagnostics: data }, again } };
      port.postMessage(answer, data ? [data.positions.buffer as ArrayBuffer, data.kinds.buffer as ArrayBuffer] : []);
    } catch (error) {
      port.postMessage({ index, internal: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
}

/** The facts of a schema the main thread has read already (read again here: facts do not cross threads). */
function schemaFacts(schemas: Map<string, SchemaFacts>, path: string, refusals: string[]): SchemaFacts {
  let facts = schemas.get(path);
  if (!facts) {
    try {
      facts = readSchema(path);
    } catch (error) {
      // Changed since the main thread read it.
      if (!(error instanceof FileError)) throw error;
      refusals.push(`${error.message}; IIS 6's own schema is used instead`);
      facts = iisSchemaFacts();
    }
    schemas.set(path, facts);
  }
  return facts;
}
