// Document symbols: the tree of the keys (tree.ts), sites named by ServerComment and number, any other key
// by the steps between it and its parent ("W3SVC/1" under a missing parent). A symbol's range spans its key
// element and those of its descendants, so that breadcrumbs can follow the cursor down the tree.
//
// A result limit keeps the top of the tree (/LM, W3SVC, the sites) breadth-first, as the JSON language
// service does (findDocumentSymbols2's resultLimit), and says so through a callback. Names, ranges and
// symbols are made only for the symbols returned, from a tree kept while the model keeps its shape, with the
// names of the keys not read again: after a keystroke, a limited outline costs what it returns.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { MetabaseModel, charactersOf, rangeOf } from '../languageService';
import { TextRanges } from '../model/summary';
import { KeySegment, keySpan, keyStart, range, selectionSpan } from './keys';
import { below, kindOf, nameOf, pathOf } from './names';
import { KeyTree, keyTree } from './tree';

export interface DocumentSymbolsContext {
  /** The most symbols returned, the top of the tree first; all when undefined. */
  resultLimit?: number;
  /** Called with the document's uri when symbols were left out to keep to `resultLimit`. */
  onResultLimitExceeded?: (uri: string) => void;
}

export function documentSymbols(document: TextDocument, model: MetabaseModel, context: DocumentSymbolsContext = {}): DocumentSymbol[] {
  // Read in place: after a keystroke the document is in parts, and joining 45 MB would cost more than the outline.
  const text = charactersOf(document);
  const segments = model.segments as KeySegment[];
  const tree = keyTree(model);
  const { at, lo, hi, first, children, roots, names } = tree;
  let left = context.resultLimit ?? Infinity;
  const symbol = (k: number): DocumentSymbol => {
    left--;
    const segment = segments[at[k]];
    let name = names.get(segment);
    if (name === undefined) names.set(segment, (name = nameFor(text, segments, tree, k)));
    // The subtree's keys are one after the other: its range runs from the first one's start to the last one's end.
    return {
      name,
      detail: segment.key.type,
      kind: kindOf(segment.key.type),
      range: rangeOf(document, keyStart(segments[at[lo[k]]]), keySpan(text, segments[at[hi[k]]]).end),
      selectionRange: range(document, selectionSpan(segment)),
    };
  };
  // Breadth-first: a level's symbols before any below them. A leaf has no children field (60,000 to send).
  const result: DocumentSymbol[] = [];
  const queue: Array<[number, DocumentSymbol]> = [];
  let exceeded = false;
  for (const root of roots) {
    if (left <= 0) {
      exceeded = true;
      break;
    }
    const made = symbol(root);
    result.push(made);
    queue.push([root, made]);
  }
  for (let next = 0; next < queue.length && !exceeded; next++) {
    const [k, made] = queue[next];
    for (let c = first[k]; c < first[k + 1]; c++) {
      if (left <= 0) {
        exceeded = true;
        break;
      }
      const below = symbol(children[c]);
      (made.children ??= []).push(below);
      queue.push([children[c], below]);
    }
  }
  if (exceeded) context.onResultLimitExceeded?.(document.uri);
  return result;
}

/** A key named by its steps below its parent in the tree; a key without Location by its type. */
function nameFor(text: TextRanges, segments: readonly KeySegment[], tree: KeyTree, k: number): string {
  const segment = segments[tree.at[k]];
  const path = pathOf(text, segment);
  if (path === undefined) return `${segment.key.type} (no Location)`;
  const parent = tree.parent[k];
  return nameOf(text, segment, parent >= 0 ? below(path, segments[tree.at[parent]].key.location!.key) : path);
}
