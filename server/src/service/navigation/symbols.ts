// Document symbols: the metabase tree, which lives only in Location paths. Each key hangs under the first
// key of the nearest ancestor Location present in the file (the key index's parent), so a key whose parent
// is missing hangs under its nearest existing ancestor, named by the steps between them ("W3SVC/1").
// A symbol's range spans its key element and those of its descendants: IIS writes a subtree's keys one
// after the other, so the range holds the keys below it and breadcrumbs can follow the cursor down the tree.
// A descendant written away from its subtree hangs higher up, so that no range holds an unrelated key.
//
// A result limit keeps the top of the tree (/LM, W3SVC, the sites) breadth-first, as the JSON language
// service does (findDocumentSymbols2's resultLimit), and says so through a callback. Names, ranges and
// symbols are made only for the symbols returned. The tree's shape (where each key hangs, which depends
// on the keys around it) is worked out once per shape of the model: after a keystroke that moves no key
// and changes no Location, the tree of the version before holds, with the names of the keys not read
// again, and a limited outline costs what it returns.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { MetabaseModel, rangeOf } from '../languageService';
import { ModelSegment } from '../model/document';
import { KeySegment, keySpan, range, selectionSpan } from './keys';
import { below, kindOf, nameOf, pathOf } from './names';

/** Deeper keys hang flat under their ancestor at this depth: a client walks the tree recursively. */
export const MAX_DEPTH = 64;

export interface DocumentSymbolsContext {
  /** The most symbols returned, the top of the tree first; all when undefined. */
  resultLimit?: number;
  /** Called with the document's uri when symbols were left out to keep to `resultLimit`. */
  onResultLimitExceeded?: (uri: string) => void;
}

/** A key of the tree, by places only: the tree outlives the segments of one version. */
interface Node {
  /** The key's segment: model.segments[at]. */
  at: number;
  children: Node[];
  parent?: Node;
  /** The places among the keys in document order that the node's subtree spans, and its size. */
  lo: number;
  hi: number;
  count: number;
}

interface Tree {
  roots: Node[];
  /** The segment of each key, in document order. */
  keys: number[];
  /**
   * The name of each key's segment in this tree: a segment is the same object only while its text is the
   * same, and its parent is the tree's, so its name holds from one version to the next.
   */
  names: WeakMap<KeySegment, string>;
}

/** The tree of each model shape (see MetabaseModel.shape), while a model of that shape lives. */
const trees = new WeakMap<object, Tree>();

export function documentSymbols(document: TextDocument, model: MetabaseModel, context: DocumentSymbolsContext = {}): DocumentSymbol[] {
  const text = document.getText();
  const segments = model.segments as KeySegment[];
  let tree = trees.get(model.shape);
  if (!tree) trees.set(model.shape, (tree = treeOf(model)));
  const { roots, keys, names } = tree;
  let left = context.resultLimit ?? Infinity;
  const symbol = (node: Node): DocumentSymbol => {
    left--;
    const segment = segments[node.at];
    let name = names.get(segment);
    if (name === undefined) names.set(segment, (name = nameFor(text, segments, node)));
    // The subtree's keys are keys[lo..hi], one after the other: its range runs from the first to the last.
    return {
      name,
      detail: segment.key.type,
      kind: kindOf(segment.key.type),
      range: rangeOf(document, keySpan(text, segments[keys[node.lo]]).start, keySpan(text, segments[keys[node.hi]]).end),
      selectionRange: range(document, selectionSpan(segment)),
    };
  };
  // Breadth-first: a level's symbols before any below them. A leaf has no children field (60,000 to send).
  const result: DocumentSymbol[] = [];
  const queue: Array<[Node, DocumentSymbol]> = [];
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
    const [node, made] = queue[next];
    for (const child of node.children) {
      if (left <= 0) {
        exceeded = true;
        break;
      }
      const below = symbol(child);
      (made.children ??= []).push(below);
      queue.push([child, below]);
    }
  }
  if (exceeded) context.onResultLimitExceeded?.(document.uri);
  return result;
}

/** The tree of the keys of a model: its roots, each node's children in document order. */
function treeOf(model: MetabaseModel): Tree {
  const keys: number[] = [];
  const list: Node[] = [];
  const nodes = new Map<ModelSegment, Node>();
  const segments = model.segments;
  for (let at = 0; at < segments.length; at++) {
    if (!segments[at].key) continue;
    const node: Node = { at, children: [], lo: keys.length, hi: keys.length, count: 1 };
    keys.push(at);
    list.push(node);
    nodes.set(segments[at], node);
  }
  const roots: Node[] = [];
  for (const node of list) {
    const location = segments[node.at].key!.location;
    const parentSegment = location && model.index.parentKey(location.key);
    const parent = parentSegment && nodes.get(parentSegment);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const order = preorder(roots);
  // Children come after their parent in preorder: backwards, each subtree grows by its children's. A child
  // whose subtree is not next to its parent's (other keys written between) would make the parent's range
  // swallow them: it hangs under the nearest ancestor whose keys reach it without a gap, else at the top.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node.children.length === 0) continue;
    const kept: Node[] = [];
    for (const child of node.children.sort((a, b) => a.lo - b.lo)) {
      const lo = Math.min(node.lo, child.lo);
      const hi = Math.max(node.hi, child.hi);
      if (hi - lo + 1 !== node.count + child.count) {
        child.parent = node.parent;
        if (node.parent) node.parent.children.push(child);
        else roots.push(child);
        continue;
      }
      node.lo = lo;
      node.hi = hi;
      node.count += child.count;
      kept.push(child);
    }
    node.children = kept;
  }
  roots.sort((a, b) => a.lo - b.lo);
  return { roots, keys, names: new WeakMap() };
}

/** A key named by its steps below its parent in the tree; a key without Location by its type. */
function nameFor(text: string, segments: readonly KeySegment[], node: Node): string {
  const segment = segments[node.at];
  const path = pathOf(text, segment);
  if (path === undefined) return `${segment.key.type} (no Location)`;
  return nameOf(text, segment, node.parent ? below(path, segments[node.parent.at].key.location!.key) : path);
}

/** The nodes in preorder, without recursion; a node at MAX_DEPTH gets its whole subtree as flat children. */
function preorder(roots: Node[]): Node[] {
  const order: Node[] = [];
  const stack: Array<[Node, number]> = roots.map((r): [Node, number] => [r, 1]).reverse();
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    order.push(node);
    if (depth === MAX_DEPTH && node.children.some((c) => c.children.length)) node.children = flatten(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
  }
  return order;
}

/** Every descendant of a node, in preorder, each made a leaf whose parent is the node. */
function flatten(node: Node): Node[] {
  const all: Node[] = [];
  const stack = [...node.children].reverse();
  while (stack.length) {
    const next = stack.pop()!;
    all.push(next);
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]);
    next.children = [];
    next.parent = node;
  }
  return all;
}
