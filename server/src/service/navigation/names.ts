// How a key is named in the outline and in workspace symbols: a site by its ServerComment and number
// ("Default Web Site (1)"; a template's step is its name already), any other key by its path below its
// parent, and a symbol kind per key type.

import { SymbolKind } from 'vscode-languageserver-types';
import { TextRanges, decodedIn, locationPath } from '../model/summary';
import { KeySegment, attributeNamed } from './keys';

const KINDS: ReadonlyMap<string, SymbolKind> = new Map([
  ['IIsComputer', SymbolKind.Package],
  ['IIsWebService', SymbolKind.Class],
  ['IIsFtpService', SymbolKind.Class],
  ['IIsWebServer', SymbolKind.Module],
  ['IIsFtpServer', SymbolKind.Module],
  ['IIsWebVirtualDir', SymbolKind.Namespace],
  ['IIsFtpVirtualDir', SymbolKind.Namespace],
  ['IIsWebDirectory', SymbolKind.Namespace],
  ['IIsWebFile', SymbolKind.File],
  ['IIsApplicationPools', SymbolKind.Class],
  ['IIsApplicationPool', SymbolKind.Object],
]);

export function kindOf(type: string): SymbolKind {
  return KINDS.get(type) ?? SymbolKind.Field;
}

/** The Location as written (decoded); undefined for a key without one. */
export function pathOf(text: TextRanges, segment: KeySegment): string | undefined {
  return locationPath(text, segment.start, segment.key);
}

/**
 * The part of `path` below an ancestor whose normalised Location is `ancestor`: the path after as many
 * '/' as the ancestor has, plus one (case and trailing '/' of the two may differ). Below the root key '/',
 * a path keeps its leading '/' ("/LM").
 */
export function below(path: string, ancestor: string): string {
  if (ancestor === '/') return path;
  let slashes = 0;
  for (let i = 0; i < ancestor.length; i++) if (ancestor.charCodeAt(i) === 0x2f) slashes++;
  let at = -1;
  for (let n = 0; n <= slashes; n++) {
    at = path.indexOf('/', at + 1);
    if (at < 0) return path;
  }
  return path.slice(at + 1);
}

/** The last step of a path ("ROOT" of "/LM/W3SVC/1/ROOT/"), trailing '/' aside. */
export function lastStep(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || path;
}

/** The name of a key whose own steps are `step`; a site's (ending in a number) with its ServerComment before it. */
export function nameOf(text: TextRanges, segment: KeySegment, step: string): string {
  const comment = /(^|\/)\d+$/.test(step) ? attributeNamed(text, segment, 'ServerComment') : undefined;
  const described = comment ? decodedIn(text, comment.valueStart, comment.valueEnd).trim() : '';
  const name = described ? `${described} (${step})` : step;
  // VS Code refuses a symbol without a name.
  return name.trim() === '' ? `"${name}"` : name;
}
