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
  /** The Location the key is at, while it is in an index (see KeyIndex.parentKeyOf). */
  place?: Place<IndexedKey>;
}

/** A Location present in the file: its keys in document order, and its place in the tree of present Locations. */
export interface Place<K> {
  readonly location: string;
  readonly keys: K[];
  /** The nearest present ancestor, if any. */
  parent: Place<K> | null;
  /** The present Locations whose parent this is (a shared empty list until the first). */
  children: Array<Place<K>>;
  /** What the checks across keys make of the Location alone, kept with it (-1 until they look: see rules/cross kindOf). */
  kind: number;
}

/** More Locations appearing or disappearing in one update than this: the index is built anew. */
const MAX_TOGGLES = 64;

const KEYS_PER_STEP = 5000;

const NO_KEYS: readonly never[] = [];
const NO_PLACES: Array<Place<never>> = [];

export class KeyIndex<K extends IndexedKey> {
  /** Each present Location's place; the keys of a Location in document order. */
  private places = new Map<string, Place<K>>();
  /** The present Locations without a present ancestor. */
  private roots: Array<Place<K>> = [];

  /** The index of keys given in document order, at once (a parse adds its keys as it reads them: see add). */
  static build<K extends IndexedKey>(keys: Iterable<K>): KeyIndex<K> {
    const index = new KeyIndex<K>();
    for (const k of keys) index.add(k);
    return drain(index.linkSteps());
  }

  /**
   * Puts a key in its Location's place, after the keys added before it: a parse adds each key as it reads it
   * (while the key is at hand), then links the places (linkSteps).
   */
  add(k: K): void {
    const location = locationOf(k);
    if (location === undefined) return;
    let place = this.places.get(location);
    if (place) place.keys.push(k);
    else this.places.set(location, (place = { location, keys: [k], parent: null, children: NO_PLACES, kind: -1 }));
    k.place = place;
  }

  /** Gives every place its parent, once every key was added; yields every few thousand places. */
  *linkSteps(): Generator<void, KeyIndex<K>, void> {
    let n = 0;
    let previous: Place<K> | undefined;
    for (const place of this.places.values()) {
      this.link(place, previous && childOf(place.location, previous) || this.parentOf(place.location));
      previous = place;
      if (++n % KEYS_PER_STEP === 0) yield;
    }
    return this;
  }

  /** Every Location with its keys. */
  locations(): IterableIterator<string> {
    return this.places.keys();
  }

  /**
   * Every present Location with its keys (a walk over all of them needs no lookup per Location; the map's own
   * iterator, not a generator, which cost a resumption per Location).
   */
  allPlaces(): IterableIterator<Readonly<Place<K>>> {
    return this.places.values();
  }

  keysAt(location: string): readonly K[] {
    return this.places.get(location)?.keys ?? NO_KEYS;
  }

  /**
   * The present Locations whose nearest present ancestor is `location` (undefined: those without one): the
   * Locations below `location`, from any Location present, are these and theirs.
   */
  childrenOf(location: string | undefined): readonly string[] {
    const children = location === undefined ? this.roots : this.places.get(location)?.children ?? NO_PLACES;
    return children.map((c) => c.location);
  }

  /**
   * The present Locations at or below `location` (a normalised Location under '/', present or not): those
   * whose path continues it after a '/', found through the tree, not by a look at every Location.
   */
  subtree(location: string): string[] {
    const found: string[] = [];
    const top = this.places.get(location);
    const stack = top ? [top] : this.placesBelow(location);
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      found.push(next.location);
      for (const child of next.children) stack.push(child);
    }
    return found;
  }

  /** The present Locations below `location` (present or not) that have no present Location between them and it. */
  topsBelow(location: string): readonly string[] {
    return this.placesBelow(location).map((c) => c.location);
  }

  /** The places of topsBelow. */
  private placesBelow(location: string): Array<Place<K>> {
    const present = this.places.get(location);
    if (present) return [...present.children];
    const prefix = location === '/' ? '/' : `${location}/`;
    const parent = this.parentOf(location);
    return (parent ? parent.children : this.roots).filter((c) => c.location.startsWith(prefix));
  }

  /** The first key of the nearest ancestor Location present, if any. */
  parentKey(location: string): K | undefined {
    return this.places.get(location)?.parent?.keys[0];
  }

  /** The same for a key of the index, without a lookup by Location. */
  parentKeyOf(k: K): K | undefined {
    return (k.place as Place<K> | undefined)?.parent?.keys[0];
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
      const before = this.places.get(location)?.keys.length ?? 0;
      if ((before > 0) !== (before - change.removed.length + change.added.length > 0)) toggles++;
    }
    if (toggles > MAX_TOGGLES) return this.rebuild(all());

    const firstBefore = new Map<string, K | undefined>();
    const appearing: Array<Place<K>> = [];
    for (const [location, change] of changes) {
      dirty.add(location);
      const present = this.places.get(location);
      const place = present ?? { location, keys: [], parent: null, children: NO_PLACES, kind: -1 };
      const group = place.keys;
      firstBefore.set(location, group[0]);
      for (const k of change.removed) group.splice(group.indexOf(k), 1);
      for (const k of change.added) {
        let at = group.length;
        while (at > 0 && group[at - 1].start > k.start) at--;
        group.splice(at, 0, k);
        k.place = place;
      }
      if (present && group.length === 0) this.disappear(present, dirty);
      else if (!present && group.length > 0) appearing.push(place);
    }
    for (const place of appearing) {
      this.places.set(place.location, place);
      this.appear(place, dirty);
    }
    // A Location whose first key is another one (or of another type or spelling) changes its children's parent.
    for (const [location, before] of firstBefore) {
      const place = this.places.get(location);
      const after = place?.keys[0];
      if (after === undefined || (before && sameParent(before, after))) continue;
      for (const child of place!.children) dirty.add(child.location);
    }
    return dirty;
  }

  /** Puts `k` in the place of `old` when both have the same Location and type; false when they do not. */
  private replace(old: K, k: K, dirty: Set<string>): boolean {
    const location = locationOf(k);
    if (location !== locationOf(old) || k.key?.type !== old.key?.type) return false;
    if (location === undefined) return true;
    const place = this.places.get(location)!;
    const group = place.keys;
    group[group.indexOf(old)] = k;
    k.place = place;
    // Its findings are a function of its type and Location (the same), its Location's first key (itself)
    // and its parent's type (judged again when that changes): none before, none now. Findings carry
    // messages and offsets of the new text, so a key that had some is judged again.
    if (group.length > 1 || old.keyFindings.length > 0) dirty.add(location);
    return true;
  }

  private rebuild(keys: Iterable<K>): Set<string> {
    const fresh = KeyIndex.build(keys);
    this.places = fresh.places;
    this.roots = fresh.roots;
    return new Set(this.places.keys());
  }

  /** The nearest present ancestor of a Location (present or not). */
  private parentOf(location: string): Place<K> | null {
    for (let i = location.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : location.lastIndexOf('/', i - 1)) {
      const ancestor = i === 0 ? '/' : location.slice(0, i);
      if (ancestor !== location) {
        const place = this.places.get(ancestor);
        if (place) return place;
      }
    }
    return null;
  }

  private link(place: Place<K>, parent: Place<K> | null): void {
    place.parent = parent;
    if (!parent) this.roots.push(place);
    else if (parent.children === NO_PLACES) parent.children = [place];
    else parent.children.push(place);
  }

  /** A Location now present: it becomes the parent of the present Locations below it that had its parent. */
  private appear(place: Place<K>, dirty: Set<string>): void {
    const parent = this.parentOf(place.location);
    // The empty Location is nobody's ancestor (see parentOf).
    if (place.location !== '') {
      const siblings = parent ? parent.children : this.roots;
      const prefix = place.location === '/' ? '/' : `${place.location}/`;
      const kept: Array<Place<K>> = [];
      for (const other of siblings) {
        if (other !== place && other.location.startsWith(prefix)) {
          this.link(other, place);
          dirty.add(other.location);
        } else kept.push(other);
      }
      this.setChildren(parent, kept);
    }
    this.link(place, parent);
  }

  /** A Location no longer present: its children get its parent. */
  private disappear(place: Place<K>, dirty: Set<string>): void {
    this.places.delete(place.location);
    const parent = place.parent;
    this.setChildren(parent, (parent ? parent.children : this.roots).filter((c) => c !== place));
    for (const child of place.children) {
      this.link(child, parent);
      dirty.add(child.location);
    }
    place.children = NO_PLACES;
  }

  private setChildren(parent: Place<K> | null, children: Array<Place<K>>): void {
    if (!parent) this.roots = children;
    else parent.children = children.length ? children : NO_PLACES;
  }
}

/**
 * The place among `near` and its ancestors whose Location is the parent path of `location` (the Location less
 * its last part), if one is: then it is the nearest present ancestor, found without a slice or a lookup.
 * Places come in document order, where a key's parent or a sibling usually comes just before it.
 */
function childOf<K>(location: string, near: Place<K>): Place<K> | null {
  const slash = location.lastIndexOf('/');
  if (slash < 0 || location === '/') return null;
  // The parent path is what precedes the last '/', or '/' itself.
  const length = slash === 0 ? 1 : slash;
  // A few steps up at most: past them a lookup per ancestor costs less (a deep chain would make it quadratic).
  let steps = 0;
  for (let p: Place<K> | null = near; p && steps < 8; p = p.parent, steps++) {
    if (p.location.length === length && location.startsWith(p.location)) return p;
  }
  return null;
}

function locationOf(k: IndexedKey): string | undefined {
  return k.key?.location?.key;
}

/** Whether two first keys of a Location mean the same parent to the keys below it (the rules read its type only). */
function sameParent(a: IndexedKey, b: IndexedKey): boolean {
  return a.key!.type === b.key!.type;
}
