// Folding: one range per key element spanning lines (its end tag stays visible, as in HTML and XML
// editors), and one per list value spanning lines (a MULTISZ or MIMEMAP attribute, or the Value of a
// <Custom> list), from the line of its name to the line of its closing quote.
//
// A range limit keeps the outer level first, as the JSON language service and VS Code do when they must cut
// (getFoldingRanges' rangeLimit): the keys' ranges, then the lists' inside them, each in document order; the
// keys are read only until the limit is passed, and a callback says that it was.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRange } from 'vscode-languageserver-types';
import { MetabaseModel, charactersOf } from '../languageService';
import { attributes, customType, isKey, isListType, keySpan, spansLines } from './keys';

export interface FoldingRangesContext {
  /** The most ranges returned, the keys' before the lists'; all when undefined. */
  rangeLimit?: number;
  /** Called with the document's uri when ranges were left out to keep to `rangeLimit`. */
  onRangeLimitExceeded?: (uri: string) => void;
}

export function foldingRanges(document: TextDocument, model: MetabaseModel, context: FoldingRangesContext = {}): FoldingRange[] {
  const limit = context.rangeLimit ?? Infinity;
  // One more than the limit is read, to know whether it was passed.
  const keys = keyRanges(document, model, limit + 1);
  if (keys.length > limit) {
    context.onRangeLimitExceeded?.(document.uri);
    return keys.slice(0, limit);
  }
  const room = limit - keys.length;
  const lists = listRanges(document, model, keys, room + 1);
  if (lists.length <= room) return inOrder(keys, lists);
  context.onRangeLimitExceeded?.(document.uri);
  return inOrder(keys, lists.slice(0, room));
}

/** The ranges of the keys spanning lines, in document order; the first `most`. */
function keyRanges(document: TextDocument, model: MetabaseModel, most: number): FoldingRange[] {
  // Read in place: after a keystroke the document is in parts, and joining 45 MB would cost more than the ranges.
  const text = charactersOf(document);
  const ranges: FoldingRange[] = [];
  for (const segment of model.segments) {
    if (ranges.length >= most) break;
    if (!isKey(segment)) continue;
    const { start, end } = keySpan(text, segment);
    const endTag = `</${segment.key.type}>`;
    // The end tag's line stays visible: the range ends on the line before it.
    const endsTag = end - start >= endTag.length && text.slice(end - endTag.length, end) === endTag;
    const range = lines(document, start, endsTag && segment.key.tagEnd >= 0 ? end - endTag.length - 1 : end);
    if (range) ranges.push(range);
  }
  return ranges;
}

/** The ranges of the list values spanning lines, in document order, at least the first `most`; none on the lines of a key's range. */
function listRanges(document: TextDocument, model: MetabaseModel, keys: readonly FoldingRange[], most: number): FoldingRange[] {
  const text = charactersOf(document);
  const facts = model.checker.facts;
  // A key whose start tag is all one list value folds the same lines twice: one range is enough.
  const seen = new Set(keys.map(linesOf));
  const ranges: FoldingRange[] = [];
  const fold = (start: number, end: number) => {
    const range = lines(document, start, end);
    if (range && !seen.has(linesOf(range))) {
      seen.add(linesOf(range));
      ranges.push(range);
    }
  };
  for (const segment of model.segments) {
    if (ranges.length >= most) break;
    if (!isKey(segment)) continue;
    for (const a of attributes(segment)) {
      if (spansLines(text, a.valueStart, a.valueEnd) && isListType(facts.property(text.slice(a.nameStart, a.nameEnd))?.type)) fold(a.nameStart, a.valueEnd);
    }
    const c = segment.key.customs;
    for (let i = 0; i < c.length; i += 6) {
      const valueStart = segment.start + c[i + 4];
      const valueEnd = segment.start + c[i + 5];
      if (c[i + 4] >= 0 && spansLines(text, valueStart, valueEnd) && isListType(customType(text, facts, segment.start, c[i + 2], c[i + 3]))) {
        fold(valueStart, valueEnd);
      }
    }
  }
  return ranges;
}

/** The range of the lines from `start` to `end`; undefined when they are one line. */
function lines(document: TextDocument, start: number, end: number): FoldingRange | undefined {
  const startLine = document.positionAt(start).line;
  const endLine = document.positionAt(end).line;
  return endLine > startLine ? { startLine, endLine } : undefined;
}

function linesOf(range: FoldingRange): string {
  return `${range.startLine}:${range.endLine}`;
}

/** Two lists of ranges in document order as one; a key's range before a list's that starts on the same line. */
function inOrder(keys: readonly FoldingRange[], lists: readonly FoldingRange[]): FoldingRange[] {
  const merged: FoldingRange[] = [];
  let k = 0;
  let l = 0;
  while (k < keys.length || l < lists.length) {
    if (l === lists.length || (k < keys.length && keys[k].startLine <= lists[l].startLine)) merged.push(keys[k++]);
    else merged.push(lists[l++]);
  }
  return merged;
}
