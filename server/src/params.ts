// Checks of request params before a handler reads them: a malformed request is answered with
// InvalidParams (-32602) instead of failing inside the handler.

import { isValidPosition, isValidRange } from './documents';
import { EXPORT_TARGETS, ExportTarget } from './service/export';

export class InvalidParams extends Error {}

function fail(message: string): never {
  throw new InvalidParams(message);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkTextDocumentParams(params: unknown): void {
  if (!isObject(params)) fail('params must be an object');
  if (!isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') fail('textDocument.uri is missing');
}

export function checkHoverParams(params: unknown): void {
  checkTextDocumentParams(params);
  if (!isValidPosition((params as Record<string, unknown>).position)) fail('position must have non-negative integer line and character');
}

export function checkCodeActionParams(params: unknown): void {
  checkTextDocumentParams(params);
  const { range, context } = params as Record<string, unknown>;
  if (!isValidRange(range)) fail('range must have a start and an end of non-negative integers');
  if (!isObject(context) || !Array.isArray(context.diagnostics)) fail('context with its diagnostics is missing');
  if (context.only !== undefined && (!Array.isArray(context.only) || !context.only.every((k) => typeof k === 'string'))) {
    fail('context.only must be a list of kinds');
  }
}

/** The `data` the server put on a fix-all action it left unresolved. */
export function checkResolveData(data: unknown): { uri: string; version: number } {
  if (!isObject(data) || typeof data.uri !== 'string' || !Number.isInteger(data.version)) fail('data must be the {uri, version} the server gave');
  return { uri: data.uri, version: data.version as number };
}

/** `iisMetabase/export`: the document, a position in it and a target. */
export function checkExportParams(params: unknown): void {
  if (!isObject(params) || typeof params.uri !== 'string') fail('uri is missing');
  if (!isValidPosition(params.position)) fail('position must have non-negative integer line and character');
  if (!EXPORT_TARGETS.includes(params.to as ExportTarget)) fail('to must be handlers, appcmd or adsutil');
}

/** A didOpen's document; a malformed one is refused (with a log line) rather than stored and failing later. */
export function checkOpenParams(params: unknown): { uri: string; languageId: string; version: number; text: string } {
  const d = isObject(params) ? params.textDocument : undefined;
  if (!isObject(d) || typeof d.uri !== 'string' || typeof d.languageId !== 'string' || !Number.isInteger(d.version) || typeof d.text !== 'string') {
    throw new Error(`didOpen refused: textDocument must have a string uri, languageId and text and an integer version (${JSON.stringify(d)?.slice(0, 200)})`);
  }
  return { uri: d.uri, languageId: d.languageId, version: d.version as number, text: d.text };
}
