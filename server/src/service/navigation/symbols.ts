// Document symbols: the metabase tree, which lives only in Location paths. Each key hangs under the first
// key of the nearest ancestor Location present in the file (the key index's parent), so a key whose parent
// is missing hangs under its nearest existing ancestor, named by the steps between them ("W3SVC/1").
// A symbol's range spans its key element and those of its descendants: IIS writes a subtree's keys one
// after the other, so the range holds the keys below it and breadcrumbs can follow the cursor down the tree.
// A descendant written away from its subtree hangs higher up, so that no range holds an unrelated key.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { MetabaseModel } from '../languageService';
import { KeySegment, Span, isKey, keySpan, range, selectionSpan } from './keys';
import { below, kindOf, nameOf, pathOf } from './names';

/** Deeper keys hang flat under their ancestor at this depth: a client walks the tree recursively. */
export const MAX_DEPTH = 64;

interface Node {
  segment: KeySegment;
  span: Span;
  /** The Location as written; undefined for a key without one. */
  path?: string;
  children: Node[];
  parent?: Node;
  /** The places in document order that the node's subtree spans, and its size (fields, not maps by node: 60,000 keys). */
  lo: number;
  hi: number;
  count: number;
}

export function documentSymbols(document: TextDocument, model: MetabaseModel): DocumentSymbol[] {
  const text = document.getText();
  const nodes = new Map<KeySegment, Node>();
  for (const segment of model.segments) {
    if (isKey(segment)) {
      const at = nodes.size;
      nodes.set(segment, { segment, span: keySpan(text, segment), path: pathOf(text, segment), children: [], lo: at, hi: at, count: 1 });
    }
  }
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const location = node.segment.key.location;
    const parentSegment = location && model.index.parentKey(location.key);
    const parent = parentSegment && nodes.get(parentSegment as KeySegment);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const order = preorder(roots);
  // Children come after their parent in preorder: backwards, each span grows by its subtree's. A child
  // whose subtree is not next to its parent's (other keys written between) would make the parent's range
  // swallow them: it hangs under the nearest ancestor whose keys reach it without a gap, else at the top.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
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
      if (child.span.start < node.span.start) node.span.start = child.span.start;
      if (child.span.end > node.span.end) node.span.end = child.span.end;
    }
    node.children = kept;
  }
  roots.sort((a, b) => a.span.start - b.span.start);
  const symbol = (node: Node): DocumentSymbol => {
    const made: DocumentSymbol = {
      name: nameFor(text, node),
      detail: node.segment.key.type,
      kind: kindOf(node.segment.key.type),
      range: range(document, node.span),
      selectionRange: range(document, selectionSpan(node.segment)),
    };
    // A leaf has no children field: a 45 MB metabase has 60,000 leaves to send.
    if (node.children.length) made.children = node.children.map(symbol);
    return made;
  };
  return roots.map(symbol);
}

/** A key named by its steps below its parent in the tree; a key without Location by its type. */
function nameFor(text: string, node: Node): string {
  const { segment, path, parent } = node;
  if (path === undefined) return `${segment.key.type} (no Location)`;
  return nameOf(text, segment, parent ? below(path, parent.segment.key.location!.key) : path);
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
