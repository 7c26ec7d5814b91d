// Rename a key's path: on the Location of a site, virtual directory, directory or application pool. The new
// name is a whole path, or, without a leading '/', a path below the parent's (a new last step). Every key
// at or below the old path gets the new prefix in its Location, and every AppRoot naming such a path and
// every AppPoolId naming a renamed pool follows, as one workspace edit of minimal edits: only the characters
// that change are rewritten, encoded for their attribute's quote. A new path of the wrong shape for the key
// type, or one that would give a Location some other key has, is refused with a message saying why.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { normalLocation } from '../model/summary';
import { rewriteDecoded } from '../rules/edits';
import { Edit } from '../rules/finding';
import { SHAPES } from '../rules/keys/hierarchy';
import { DecodedText } from '../xml/entities';
import { KeySegment, POOLS, Span, decodedValue, isKey, keyAt, links, locationSpan, quoteOf, range, within } from './keys';
import { lastStep, pathOf } from './names';

/** A rename that cannot be done; the message says why, for the user. */
export class RenameError extends Error {}

const RENAMED_TYPES: ReadonlySet<string> = new Set([
  'IIsWebServer', 'IIsFtpServer', 'IIsWebVirtualDir', 'IIsFtpVirtualDir', 'IIsWebDirectory', 'IIsApplicationPool',
]);

/** The Location value to rename at `position` and its path; null where no Location is; RenameError for a key that cannot be renamed. */
export function prepareRename(document: TextDocument, model: MetabaseModel, position: Position): { range: Range; placeholder: string } | null {
  const found = renamedAt(document, model, position);
  return found && { range: range(document, found.span), placeholder: found.path };
}

export function rename(document: TextDocument, model: MetabaseModel, position: Position, newName: string): WorkspaceEdit | null {
  const found = renamedAt(document, model, position);
  if (!found) return null;
  const text = document.getText();
  const { segment, path } = found;
  const type = segment.key.type;
  const old = segment.key.location!.key;
  const trimmed = path.replace(/\/+$/, '');
  const written = newName.startsWith('/') ? newName : `${trimmed.slice(0, Math.max(0, trimmed.lastIndexOf('/')))}/${newName}`;
  const problem = invalidPath(written);
  if (problem) throw new RenameError(`'${newName}' is not a valid Location: ${problem}.`);
  const renamed = normalLocation(written);
  const shape = SHAPES.get(type);
  if (shape && !shape.pattern.test(renamed)) throw new RenameError(`An ${type} key belongs at ${shape.expected}, not at '${written}'.`);
  if (renamed.startsWith(`${old}/`)) throw new RenameError(`'${written}' is below '${path}' itself: a key cannot move into its own subtree.`);
  const steps = { old: trimmed.split('/'), new: written.split('/') };
  // Two keys at one Location (key-location-duplicate): renaming one of them is how the duplicate is put
  // right, so only the key under the cursor moves; its subtree and the links stay with the other key.
  if (model.index.keysAt(old).length > 1) {
    const other = model.index.keysAt(renamed)[0] as KeySegment | undefined;
    if (other && renamed !== old) throw new RenameError(`Renaming '${path}' to '${written}' would give a key the Location '${pathOf(text, other)}', which an ${other.key.type} key has already.`);
    const changes = withPrefix(text, locationSpan(segment)!, steps).map((e): TextEdit => ({ range: range(document, e), newText: e.newText }));
    return { changes: { [document.uri]: changes } };
  }
  const moved = (location: string) => location === old || location.startsWith(`${old}/`);
  const locations = [...model.index.locations()].filter(moved);
  for (const location of locations) {
    const target = renamed + location.slice(old.length);
    if (!moved(target) && model.index.keysAt(target).length > 0) {
      const other = model.index.keysAt(target)[0] as KeySegment;
      throw new RenameError(`Renaming '${path}' to '${written}' would give a key the Location '${pathOf(text, other)}', which an ${other.key.type} key has already.`);
    }
  }
  const edits: Edit[] = [];
  for (const location of locations) {
    for (const key of model.index.keysAt(location)) {
      if (isKey(key)) edits.push(...withPrefix(text, locationSpan(key)!, steps));
    }
  }
  const pool = isPool(old) ? lastStep(written) : undefined;
  for (const link of links(text, model)) {
    if (link.kind === 'AppRoot' && moved(link.target)) edits.push(...withPrefix(text, { start: link.value.valueStart, end: link.value.valueEnd }, steps));
    if (link.kind === 'AppPoolId' && pool !== undefined && link.target === old) {
      const value = decodedValue(text, link.value);
      const lead = value.text.length - value.text.trimStart().length;
      edits.push(...rewriteDecoded(value, lead, value.text.trimEnd().length, pool, quoteOf(text, link.value.valueStart)));
    }
  }
  edits.sort((a, b) => a.start - b.start);
  const changes: TextEdit[] = edits.map((e) => ({ range: range(document, e), newText: e.newText }));
  return { changes: { [document.uri]: changes } };
}

/** The key whose Location value holds the position, if it may be renamed. */
function renamedAt(document: TextDocument, model: MetabaseModel, position: Position): { segment: KeySegment; span: Span; path: string } | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const segment = keyAt(text, model, offset);
  const span = segment && locationSpan(segment);
  if (!segment || !span || !within(offset, span)) return null;
  const path = pathOf(text, segment)!;
  if (!RENAMED_TYPES.has(segment.key.type)) {
    throw new RenameError(`Only the path of a site, a virtual directory, a directory or an application pool can be renamed; this is an ${segment.key.type} key.`);
  }
  return { segment, span, path };
}

/**
 * The edits that put the new steps in place of the old ones at the start of the path in [start, end). The
 * leading steps the rename keeps stay as this value writes them (its case, its entities), and so does what
 * follows the old steps (the steps below, a trailing '/').
 */
function withPrefix(text: string, span: Span, steps: { old: string[]; new: string[] }): Edit[] {
  const value = DecodedText.decode(text, span.start, span.end);
  let end = -1;
  for (let n = 0; n < steps.old.length && end < value.text.length; n++) {
    end = value.text.indexOf('/', end + 1);
    if (end < 0) end = value.text.length;
  }
  const own = value.text.slice(0, end).split('/');
  let kept = 0;
  while (kept < steps.new.length && kept < steps.old.length && steps.new[kept] === steps.old[kept]) kept++;
  const renamed = [...own.slice(0, kept), ...steps.new.slice(kept)].join('/');
  return rewriteDecoded(value, 0, end, renamed, quoteOf(text, span.start));
}

function isPool(location: string): boolean {
  return location.startsWith(`${POOLS}/`) && location.indexOf('/', POOLS.length + 1) < 0;
}

/** Why a path cannot be a Location, if it cannot. */
function invalidPath(path: string): string | undefined {
  if (path.split('/').some((step) => step.trim() !== step)) return 'a step starts or ends with white space';
  if (/[\x00-\x1f]/.test(path)) return 'it holds a control character';
  if (/\/\/|\/$/.test(path)) return "it has an empty step ('//' or a trailing '/')";
  if (/(^|\/)\.{1,2}(\/|$)/.test(path)) return "it has a '.' or '..' step";
  return undefined;
}
