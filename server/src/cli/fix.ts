// --fix: the preferred fix of every enabled problem, written back in the file's own encoding and BOM.
//
// The normal case is atomic: the new bytes go to a temporary file in the same folder (so that the rename
// stays on one file system) with the original's owner, group and mode, are flushed to disk, then replace the
// original in one rename: a crash leaves either the old file or the new one, never half of one.
// A file with more than one hard link, or whose owner the temporary file cannot get, is written in place
// instead, so that every link sees the fix and the owner stays.
// A file the user may not write is refused, and so is, even for root, a file without any write bit.

import { threadId } from 'node:worker_threads';
import {
  closeSync, constants, accessSync, fchmodSync, fchownSync, fstatSync, fsyncSync, ftruncateSync, openSync,
  realpathSync, renameSync, rmSync, statSync, writeSync, Stats,
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

/** Replaces the content of the file at `path` (through a symbolic link, if it is one) by `content`. */
export function writeFixed(path: string, content: Buffer): void {
  const cannot = (reason: unknown) => new FileError(`cannot write '${path}': ${typeof reason === 'string' ? reason : describeError(reason)}`);
  let target: string;
  let stats: Stats;
  try {
    target = realpathSync(path);
    stats = statSync(target);
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw cannot(error);
  }
  // access() says yes to root whatever the mode: a file nobody may write was made read-only on purpose.
  if ((stats.mode & 0o222) === 0) throw cannot('it is read-only (no write permission bit is set)');
  if (stats.nlink > 1) {
    writeInPlace(target, content, cannot);
    return;
  }
  if (!writeAtomically(target, content, stats, cannot)) writeInPlace(target, content, cannot);
}

/** False (and nothing changed) when the temporary file cannot get the original's owner. */
function writeAtomically(target: string, content: Buffer, stats: Stats, cannot: (reason: unknown) => FileError): boolean {
  // The thread too: the worker threads of --jobs share the process's id.
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}${threadId ? `-${threadId}` : ''}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': never reuse a file that is not ours; it is then left alone in the cleanup below.
    fd = openSync(temporary, 'wx', 0o600);
  } catch (error) {
    throw cannot(error);
  }
  try {
    if (!takeOwner(fd, stats)) {
      closeSync(fd);
      fd = undefined;
      rmSync(temporary, { force: true });
      return false;
    }
    writeAll(fd, content);
    // After fchown, which clears the set-user-ID and set-group-ID bits.
    fchmodSync(fd, stats.mode & 0o7777);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw cannot(error);
  }
  syncFolder(dirname(target));
  return true;
}

/** Gives the file the owner and group of `stats` where permitted; true when it has both. */
function takeOwner(fd: number, stats: Stats): boolean {
  for (const [uid, gid] of [[stats.uid, stats.gid], [-1, stats.gid]]) {
    try {
      fchownSync(fd, uid, gid);
      break;
    } catch {
      // Not permitted (a user may only give a file to a group it belongs to): keep what it has.
    }
  }
  const now = fstatSync(fd);
  return now.uid === stats.uid && now.gid === stats.gid;
}

/** Not atomic: a crash in the middle can leave the file half written. */
function writeInPlace(target: string, content: Buffer, cannot: (reason: unknown) => FileError): void {
  let fd: number | undefined;
  try {
    fd = openSync(target, constants.O_WRONLY);
    writeAll(fd, content);
    ftruncateSync(fd, content.length);
    fsyncSync(fd);
  } catch (error) {
    throw cannot(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeAll(fd: number, content: Buffer): void {
  for (let written = 0; written < content.length;) written += writeSync(fd, content, written, content.length - written, written);
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
