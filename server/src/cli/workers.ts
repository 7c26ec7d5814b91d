// Many files at once: a pool of worker threads (the CLI's own script, started in worker mode), each linting
// the files it is handed one by one. The reports come back in any order and are handed on in the order of
// the files, so that the output is the same as one thread's. A fleet of servers' metabases is linted about
// as many times faster as there are cores; one file is never split (the checks across keys need all of it).

import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { inspect } from 'node:util';
import { Worker, parentPort } from 'node:worker_threads';
import { Diagnostic } from 'vscode-languageserver-types';
import { MetabaseSettings } from '../service';
import { SchemaFacts, iisSchemaFacts } from '../service/schema';
import { FileError } from './files';
import { lintFile } from './lintFile';
import { readSchema } from './schema';

/** What a file came to: its diagnostics (none when it could not be read), and what could not be done. */
export interface Outcome {
  diagnostics?: Diagnostic[];
  refusals: string[];
}

export interface Task {
  file: string;
  fix: boolean;
  settings: MetabaseSettings;
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
const AHEAD_PER_WORKER = 4;

/** The files linted at once for `--jobs` (1: in this thread). */
export function jobsFor(jobs: number | 'auto', files: readonly string[]): number {
  if (jobs !== 'auto') return Math.min(jobs, files.length);
  if (files.length < 2 || availableParallelism() < 2) return 1;
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(file).size;
    } catch {
      // Reported when it is read.
    }
  }
  return bytes >= AUTO_BYTES ? Math.min(availableParallelism(), files.length) : 1;
}

/** One file through the language service; a file that cannot be read is a refusal, not an exception. */
export function lintTask(file: string, fix: boolean, settings: MetabaseSettings, facts: SchemaFacts): Outcome {
  const refusals: string[] = [];
  try {
    return { diagnostics: lintFile(file, fix, settings, (message) => refusals.push(message), facts).diagnostics, refusals };
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    refusals.push(error.message);
    return { refusals };
  }
}

/**
 * Lints `tasks` in `jobs` worker threads started from `script`; `report` gets each outcome in the order of
 * the tasks. Rejects on a failure of the linter itself (an exception other than a file's, a worker that
 * died): the caller reports an internal error.
 */
export function lintInWorkers(script: string, jobs: number, tasks: readonly Task[], report: (index: number, outcome: Outcome) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = new Map<number, Outcome>();
    const busy = new Map<Worker, number>();
    const idle: Worker[] = [];
    let reported = 0;
    let sent = 0;
    let over = false;
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      for (const worker of [...busy.keys(), ...idle]) void worker.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const feed = (worker: Worker) => {
      if (sent < tasks.length && sent - reported < jobs * AHEAD_PER_WORKER) {
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
      done.set(answer.index, answer.outcome);
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
      while (idle.length && sent < tasks.length && sent - reported < jobs * AHEAD_PER_WORKER) feed(idle.shift()!);
    };
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(script, { workerData: WORKER_DATA });
      worker.on('message', (answer: Answer) => receive(worker, answer));
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        const index = busy.get(worker);
        finish(new Error(`a worker thread stopped (exit code ${code})${index === undefined ? '' : ` while linting ${tasks[index].file}`}`));
      });
      feed(worker);
    }
  });
}

type Answer = { index: number; outcome: Outcome } | { index: number; internal: string };

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
      const outcome = lintTask(task.file, task.fix, task.settings, facts);
      port.postMessage({ index, outcome: { ...outcome, refusals: [...refusals, ...outcome.refusals] } });
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
