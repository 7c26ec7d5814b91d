// Reading a metabase file for the language service, which wants text without a BOM: the BOM is stripped and
// remembered so that --fix can put it back.

import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileError, describeError } from './files';

export interface SourceFile {
  /** As the user named it (or as the glob found it). */
  path: string;
  /** Without the BOM. */
  text: string;
  bom: boolean;
  /** False when invalid bytes were replaced on reading; such a file is never written back. */
  utf8: boolean;
}

export function readSource(path: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FileError(`cannot read '${path}': ${describeError(error)}`);
  }
  const text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { path, text: bom ? text.slice(1) : text, bom, utf8: isUtf8(bytes) };
}

export function documentOf(source: SourceFile, text = source.text): TextDocument {
  return TextDocument.create(pathToFileURL(resolve(source.path)).href, 'iis-metabase', 1, text);
}
