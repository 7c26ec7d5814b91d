// Reading a metabase file for the language service. Only regular files are read: the file is opened without
// blocking (a FIFO would otherwise wait for a writer forever) and checked with fstat on the open descriptor
// (so that a symbolic link to /dev/zero is caught too), and nothing over MAX_FILE_BYTES is read.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FrozenDocument } from '../textDocument';
import { Decoded, DecodeError, decode } from './encoding';
import { FileError, cannotRead, describeError } from './files';

/** Far above any real metabase (IIS's own limit is lower), far below what would exhaust memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface SourceFile extends Decoded {
  /** As the user named it (or as the glob found it). */
  path: string;
}

export function readSource(path: string): SourceFile {
  const bytes = readRegularFile(path);
  try {
    return { path, ...decode(bytes) };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    throw new FileError(`cannot read '${path}': ${error.message}`);
  }
}

function readRegularFile(path: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK only matters for FIFOs and devices, which are refused below; O_NOCTTY for terminals.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileError(`cannot read '${path}': it is not a regular file (${kindOf(stats)})`);
    if (stats.size > MAX_FILE_BYTES) {
      throw new FileError(`cannot read '${path}': it is ${megabytes(stats.size)}, over the limit of ${megabytes(MAX_FILE_BYTES)}`);
    }
    // Read to the end of the file, not fstat's size: /proc and /sys files say 0 and have content.
    let bytes = Buffer.allocUnsafe(Math.max(stats.size, 1 << 16));
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        if (length > MAX_FILE_BYTES) throw new FileError(`cannot read '${path}': it is over the limit of ${megabytes(MAX_FILE_BYTES)}`);
        const bigger = Buffer.allocUnsafe(Math.min(bytes.length * 2, MAX_FILE_BYTES + 1));
        bytes.copy(bigger, 0, 0, length);
        bytes = bigger;
      }
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return bytes.subarray(0, length);
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`cannot read '${path}': ${describeError(error)}`);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'an unknown kind of file';
}

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}

export function documentOf(source: SourceFile, text = source.text): TextDocument {
  return FrozenDocument.create(pathToFileURL(resolve(source.path)).href, 'iis-metabase', 1, text);
}
