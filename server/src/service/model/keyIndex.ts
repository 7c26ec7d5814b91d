// The keys of a document by Location, and each present Location's parent: the nearest ancestor Location
// that a key of the file has (the tree of a metabase lives only in its Location paths).
//
// After an edit the index is updated, not rebuilt, and only the keys whose inputs changed are judged
// again. The findings of a key depend on the key itself, on the first key of its Location, and on the first
// key of its parent Location; so they can change only for the keys of a Location that lost or gained a key
// ("touched"), and for the keys whose parent Location appeared, disappeared or has another first key. Those
// are exactly the ones judged again, which makes the result equal to judging every key anew.

import { drain } from './steps';
import { KeySummary } from './summary';

/** What the index holds of a key: its segment's start (kept current by the model) and its summary. */
export interface IndexedKey {
  start: number;
  key?: KeySummary;
  /** What the document pass found on the key: a key read again as it was, alone at its Location and without findings, keeps none. */
  keyFindings: readonly unknown[];
  /** What the checks across keys read of the key, kept with it while its text is unchanged (see rules/cross/facts.ts). */
  crossFacts?: unknown;
}

/** More Locations appearing or disappearing in one update than this: the index is built anew. */
const MAX_TOGGLES = 64;

const KEYS_PER_STEP = 5000;

/** The parent of a Location that has no ancestor in the file (a Location never holds U+0000). */
const NONE = '\0';

export class KeyIndex<K extends IndexedKey> {
  /** The keys of each Location, in document order. */
  private readonly groups = new Map<string, K[]>();
  /** Each present Location's parent, as the parent's list of keys (null: none), so that parentKey is one lookup. */
  private readonly parents = new Map<string, K[] | null>();
  private readonly children = new Map<string, string[]>();

  /** The index of keys given in document order. */
  static build<K extends IndexedKey>(keys: Iterable<K>): KeyIndex<K> {
    return drain(KeyIndex.steps(keys));
  }

  /** The same, yielding every few thousand keys (a parse runs in time slices). */
  static *steps<K extends IndexedKey>(keys: Iterable<K>): Generator<void, KeyIndex<K>, void> {
    const index = new KeyIndex<K>();
    let n = 0;
    for (const k of keys) {
      if (++n % KEYS_PER_STEP === 0) yield;
      const location = locationOf(k);
      if (location === undefined) continue;
      const group = index.groups.get(location);
      if (group) group.push(k);
      else index.groups.set(location, [k]);
    }
    for (const location of index.groups.keys()) {
      index.link(location, index.parentOf(location));
      if (++n % KEYS_PER_STEP === 0) yield;
    }
    return index;
  }

  /** Every Location with its keys. */
  locations(): IterableIterator<string> {
    return this.groups.keys();
  }

  /** The keys of every Location, a list per Location (a walk over all of them needs no lookup per Location). */
  keyGroups(): IterableIterator<readonly K[]> {
    return this.groups.values();
  }

  keysAt(location: string): readonly K[] {
    return this.groups.get(location) ?? [];
  }

  /**
   * The present Locations whose nearest present ancestor is `location` (undefined: those without one): the
   * Locations below `location`, from any Location present, are these and theirs.
   */
  childrenOf(location: string | undefined): readonly string[] {
    return this.children.get(location ?? NONE) ?? [];
  }

  /**
   * The present Locations at or below `location` (a normalised Location under '/', present or not): those
   * whose path continues it after a '/', found through the tree, not by a look at every Location.
   */
  subtree(location: string): string[] {
    const found: string[] = [];
    const stack = this.groups.has(location) ? [location] : [...this.topsBelow(location)];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      found.push(next);
      for (const child of this.childrenOf(next)) stack.push(child);
    }
    return found;
  }

  /** The present Locations below `location` (present or not) that have no present Location between them and it. */
  topsBelow(location: string): readonly string[] {
    if (this.groups.has(location)) return this.childrenOf(location);
    const prefix = location === '/' ? '/' : `${location}/`;
    return this.childrenOf(this.parentOf(location)).filter((c) => c.startsWith(prefix));
  }

  /** The first key of the nearest ancestor Location present, if any. */
  parentKey(location: string): K | undefined {
    return this.parents.get(location)?.[0];
  }

  /**
   * Takes out `removed` and puts in `added` (keys whose starts are already those of the new text); returns
   * the Locations whose keys must be judged again. A Location that loses its keys and gets others stays
   * present throughout; when many Locations appear or disappear (a paste, a deleted block), the index is
   * built anew from `all` (the keys in document order) and every Location is judged again, which bounds the
   * work of one update by the size of the document.
   */
  update(removed: readonly K[], added: readonly K[], all: () => Iterable<K>): Set<string> {
    const dirty = new Set<string>();
    // Keys read again as they were (same Location, same type, in the same order), from either end of what
    // the edit read again, take their old keys' places.
    let head = 0;
    while (head < removed.length && head < added.length && this.replace(removed[head], added[head], dirty)) head++;
    let tail = 0;
    while (tail < removed.length - head && tail < added.length - head &&
      this.replace(removed[removed.length - 1 - tail], added[added.length - 1 - tail], dirty)) tail++;
    if (head + tail > 0) {
      removed = removed.slice(head, removed.length - tail);
      added = added.slice(head, added.length - tail);
    }
    const changes = new Map<string, { removed: K[]; added: K[] }>();
    const changeOf = (location: string) => {
      let change = changes.get(location);
      if (!change) changes.set(location, (change = { removed: [], added: [] }));
      return change;
    };
    for (const k of removed) {
      const location = locationOf(k);
      if (location !== undefined) changeOf(location).removed.push(k);
    }
    for (const k of added) {
      const location = locationOf(k);
      if (location !== undefined) changeOf(location).added.push(k);
    }
    let toggles = 0;
    for (const [location, change] of changes) {
      const before = this.groups.get(location)?.length ?? 0;
      if ((before > 0) !== (before - change.removed.length + change.added.length > 0)) toggles++;
    }
    if (toggles > MAX_TOGGLES) return this.rebuild(all());

    const firstBefore = new Map<string, K | undefined>();
    const appearing: Array<[string, K[]]> = [];
    for (const [location, change] of changes) {
      dirty.add(location);
      const group = this.groups.get(location) ?? [];
      firstBefore.set(location, group[0]);
      for (const k of change.removed) group.splice(group.indexOf(k), 1);
      for (const k of change.added) {
        let at = group.length;
        while (at > 0 && group[at - 1].start > k.start) at--;
        group.splice(at, 0, k);
      }
      const wasPresent = this.groups.has(location);
      if (wasPresent && group.length === 0) this.disappear(location, dirty);
      else if (!wasPresent && group.length > 0) appearing.push([location, group]);
    }
    for (const [location, group] of appearing) {
      this.groups.set(location, group);
      this.appear(location, dirty);
    }
    // A Location whose first key is another one (or of another type or spelling) changes its children's parent.
    for (const [location, before] of firstBefore) {
      const after = this.groups.get(location)?.[0];
      if (after === undefined || (before && sameParent(before, after))) continue;
      for (const child of this.children.get(location) ?? []) dirty.add(child);
    }
    return dirty;
  }

  /** Puts `k` in the place of `old` when both have the same Location and type; false when they do not. */
  private replace(old: K, k: K, dirty: Set<string>): boolean {
    const location = locationOf(k);
    if (location !== locationOf(old) || k.key?.type !== old.key?.type) return false;
    if (location === undefined) return true;
    const group = this.groups.get(location)!;
    group[group.indexOf(old)] = k;
    // Its findings are a function of its type and Location (the same), its Location's first key (itself)
    // and its parent's type (judged again when that changes): none before, none now. Findings carry
    // messages and offsets of the new text, so a key that had some is judged again.
    if (group.length > 1 || old.keyFindings.length > 0) dirty.add(location);
    return true;
  }

  private rebuild(keys: Iterable<K>): Set<string> {
    const fresh = KeyIndex.build(keys);
    for (const name of ['groups', 'parents', 'children'] as const) {
      this[name].clear();
      for (const [k, v] of fresh[name] as Map<string, never>) this[name].set(k, v);
    }
    return new Set(this.groups.keys());
  }

  private parentOf(location: string): string {
    for (let i = location.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : location.lastIndexOf('/', i - 1)) {
      const ancestor = i === 0 ? '/' : location.slice(0, i);
      // The group's own Location string, not the slice: a lookup by it compares no characters (the same string).
      if (ancestor !== location) {
        const group = this.groups.get(ancestor);
        if (group) return locationOf(group[0])!;
      }
    }
    return NONE;
  }

  private link(location: string, parent: string): void {
    this.parents.set(location, parent === NONE ? null : this.groups.get(parent)!);
    const list = this.children.get(parent);
    if (list) list.push(location);
    else this.children.set(parent, [location]);
  }

  /** A Location now present: it becomes the parent of the present Locations below it that had its parent. */
  private appear(location: string, dirty: Set<string>): void {
    const parent = this.parentOf(location);
    // The empty Location is nobody's ancestor (see parentOf).
    const siblings = location === '' ? undefined : this.children.get(parent);
    if (siblings) {
      const prefix = location === '/' ? '/' : `${location}/`;
      const kept: string[] = [];
      for (const other of siblings) {
        if (other !== location && other.startsWith(prefix)) {
          this.link(other, location);
          dirty.add(other);
        } else kept.push(other);
      }
      if (kept.length) this.children.set(parent, kept);
      else this.children.delete(parent);
    }
    this.link(location, parent);
  }

  /** A Location no longer present: its children get its parent. */
  private disappear(location: string, dirty: Set<string>): void {
    this.groups.delete(location);
    const group = this.parents.get(location);
    const parent = group ? locationOf(group[0])! : NONE;
    this.parents.delete(location);
    const siblings = this.children.get(parent)!;
    siblings.splice(siblings.indexOf(location), 1);
    if (siblings.length === 0) this.children.delete(parent);
    for (const child of this.children.get(location) ?? []) {
      this.link(child, parent);
      dirty.add(child);
    }
    this.children.delete(location);
  }
}

function locationOf(k: IndexedKey): string | undefined {
  return k.key?.location?.key;
}

/** Whether two first keys of a Location mean the same parent to the keys below it (the rules read its type only). */
function sameParent(a: IndexedKey, b: IndexedKey): boolean {
  return a.key!.type === b.key!.type;
}
