// The tree of the keys, as the outline shows it: it lives only in Location paths. Each key hangs under the
// first key of the nearest ancestor Location present in the file (the key index's parent), so a key whose
// parent is missing hangs under its nearest existing ancestor. A subtree's keys are one after the other in
// the file (IIS writes them so), which lets a symbol's range hold the keys below it: a descendant written away
// from its subtree hangs higher up, so that no range holds an unrelated key.
//
// Where a key hangs depends on the keys around it, so the tree is one pass over every key; it is made once
// per shape of the model (MetabaseModel.shape): after a keystroke that moves no key and changes no Location,
// the tree of the version before holds. It is kept by places, in arrays, not by segments: it outlives the
// segments of one version, and 60,000 keys as objects held 12 MB.

import { MetabaseModel } from '../languageService';
import { ModelSegment } from '../model/document';
import { KeySegment } from './keys';

/** Deeper keys hang flat under their ancestor at this depth: a client walks the tree recursively. */
export const MAX_DEPTH = 64;

/**
 * The tree by places among the keys in document order: each key's segment (model.segments[at[k]]), the
 * first and last places of its subtree, its parent's place (-1 for a root), and its children in document
 * order, children[first[k]..first[k + 1]).
 */
export interface KeyTree {
  at: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  parent: Int32Array;
  first: Int32Array;
  children: Int32Array;
  roots: Int32Array;
  /**
   * The outline's name of each key's segment: a segment is the same object only while its text is the
   * same, and its parent is the tree's, so its name holds from one version to the next.
   */
  names: WeakMap<KeySegment, string>;
}

/** A key while the tree is made; `place` is its place among the keys in document order. */
interface Node {
  place: number;
  children: Node[];
  parent?: Node;
  /** The places that the node's subtree spans, and its size. */
  lo: number;
  hi: number;
  count: number;
}

/** The tree of each model shape, while a model of that shape lives. */
const trees = new WeakMap<object, KeyTree>();

/** The tree of the keys of a model. */
export function keyTree(model: MetabaseModel): KeyTree {
  let tree = trees.get(model.shape);
  if (!tree) trees.set(model.shape, (tree = treeOf(model)));
  return tree;
}

/** The tree made anew: the keys as nodes, hung under their parents, then each subtree made whole (see above). */
function treeOf(model: MetabaseModel): KeyTree {
  const at: number[] = [];
  const list: Node[] = [];
  const nodes = new Map<ModelSegment, Node>();
  const segments = model.segments;
  for (let s = 0; s < segments.length; s++) {
    if (!segments[s].key) continue;
    const place = at.length;
    const node: Node = { place, children: [], lo: place, hi: place, count: 1 };
    at.push(s);
    list.push(node);
    nodes.set(segments[s], node);
  }
  const roots: Node[] = [];
  for (const node of list) {
    const location = segments[at[node.place]].key!.location;
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
  return packed(at, list, roots);
}

/** The tree made of `list` (the nodes by place) in arrays. */
function packed(at: number[], list: readonly Node[], roots: readonly Node[]): KeyTree {
  const n = list.length;
  const tree: KeyTree = {
    at: Int32Array.from(at), lo: new Int32Array(n), hi: new Int32Array(n), parent: new Int32Array(n), first: new Int32Array(n + 1),
    children: new Int32Array(n - roots.length), roots: Int32Array.from(roots, (r) => r.place), names: new WeakMap(),
  };
  let c = 0;
  for (const node of list) {
    const k = node.place;
    tree.lo[k] = node.lo;
    tree.hi[k] = node.hi;
    tree.parent[k] = node.parent ? node.parent.place : -1;
    tree.first[k] = c;
    for (const child of node.children) tree.children[c++] = child.place;
  }
  tree.first[n] = c;
  return tree;
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
