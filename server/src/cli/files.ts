// From the command line's patterns to the list of files to lint: a file stands for itself, a directory for
// the *.xml files under it, anything with * or ? is a glob. Each file is listed once, in the order its
// first pattern named it.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expandGlob, filesUnder, hasMagic } from './glob';

/** A pattern that names nothing to lint; exit code 2. */
export class FileError extends Error {}

export function expandPatterns(patterns: readonly string[]): string[] {
  const files = new Map<string, string>();
  for (const pattern of patterns) {
    for (const file of expandPattern(pattern)) {
      const key = resolve(file);
      if (!files.has(key)) files.set(key, file);
    }
  }
  return [...files.values()];
}

function expandPattern(pattern: string): string[] {
  if (hasMagic(pattern)) {
    const matches = expandGlob(pattern);
    if (matches.length === 0) throw new FileError(`no files match '${pattern}'`);
    return matches;
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(pattern).isDirectory();
  } catch (error) {
    throw cannotRead(pattern, error);
  }
  if (!isDirectory) return [pattern];
  const matches = filesUnder(pattern, (name) => /\.xml$/i.test(name));
  if (matches.length === 0) throw new FileError(`no .xml files in '${pattern}'`);
  return matches;
}

/** A path that cannot be opened; `-` (no such file) is taken for standard input, which is not read. */
export function cannotRead(path: string, error: unknown): FileError {
  const missing = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  if (path === '-' && missing) return new FileError("cannot read '-': standard input is not read; give the path of a file (./- for a file named '-')");
  return new FileError(`cannot read '${path}': ${describeError(error)}`);
}

/** `ENOENT: no such file or directory`, without the syscall and path that Node appends. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '.*'$/s, '');
}
