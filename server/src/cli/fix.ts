// --fix: the preferred fix of every enabled problem, written atomically. The new text goes to a temporary
// file in the same folder (so that the rename stays on one file system), is flushed to disk, then replaces
// the original in one rename: a crash leaves either the old file or the new one, never half of one.

import {
  closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MetabaseModel, MetabaseSettings, fixAll } from '../service';
import { FileError, describeError } from './files';

/** The fixed text, or undefined when there is nothing to fix. */
export function fixedText(document: TextDocument, model: MetabaseModel, settings: MetabaseSettings): string | undefined {
  const edits = fixAll(document, model, settings);
  if (edits.length === 0) return undefined;
  const text = TextDocument.applyEdits(document, edits);
  return text === document.getText() ? undefined : text;
}

/** Replaces the file at `path` (through a symbolic link, if it is one) with `content`, keeping its mode. */
export function writeAtomically(path: string, content: string): void {
  let target: string;
  let mode: number;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch (error) {
    throw new FileError(`cannot write '${path}': ${describeError(error)}`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': never reuse a file that is not ours; it is then left alone in the cleanup below.
    fd = openSync(temporary, 'wx', mode);
  } catch (error) {
    throw new FileError(`cannot write '${path}': ${describeError(error)}`);
  }
  try {
    writeFileSync(fd, content);
    // The umask may have narrowed the mode given to open.
    fchmodSync(fd, mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw new FileError(`cannot write '${path}': ${describeError(error)}`);
  }
  syncFolder(dirname(target));
}

/** Makes the rename durable. Windows cannot open a folder for this; the rename is still atomic there. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Durability is best effort; the file itself is already complete.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
