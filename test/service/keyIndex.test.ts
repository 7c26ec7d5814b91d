// The key index's tree of present Locations against a reference that looks at every prefix of a Location:
// the parent of a Location is its nearest ancestor that a key has, whatever the order the keys come in
// (the index links a place from the places before it when it can: see childOf).

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IndexedKey, KeyIndex } from '../../server/src/service/model/keyIndex';
import { KeySummary } from '../../server/src/service/model/summary';

function keyAt(location: string, start: number): IndexedKey {
  const key = { type: 'IIsConfigObject', start: 0, nameEnd: 0, tagEnd: 0, location: { key: location, start: 0, end: 0 }, attributes: [], customs: [] } as KeySummary;
  return { start, key, keyFindings: [] };
}

/** The nearest proper ancestor of `location` among `present`, by its prefixes ending before a '/' ('/' for the first). */
function referenceParent(location: string, present: ReadonlySet<string>): string | undefined {
  for (let i = location.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : location.lastIndexOf('/', i - 1)) {
    const ancestor = i === 0 ? '/' : location.slice(0, i);
    if (ancestor !== location && present.has(ancestor)) return ancestor;
  }
  return undefined;
}

/** Locations of a few short parts, so that parents, siblings and deep chains are frequent; odd ones too. */
const PART = fc.constantFrom('lm', 'w3svc', '1', '2', 'root', 'a', 'b', '', 'x/y');
const LOCATION = fc.oneof(
  fc.array(PART, { minLength: 0, maxLength: 7 }).map((parts) => `/${parts.join('/')}`),
  fc.constantFrom('', '/', '//', 'abc', '/lm/', '.'),
);

describe('KeyIndex', () => {
  it('gives every Location its nearest present ancestor, in any order of keys', () => {
    fc.assert(fc.property(fc.array(LOCATION, { maxLength: 60 }), (locations) => {
      const index = KeyIndex.build(locations.map((l, i) => keyAt(l, i)));
      const present = new Set(locations);
      for (const location of present) {
        assert.equal(index.parentKey(location)?.key?.location?.key, referenceParent(location, present), location);
      }
    }), { numRuns: 2000 });
  });

  it('links keys that alternate between a deep chain and the top (the walk up from the key before gives up after a few steps)', () => {
    const n = 4000;
    const keys: IndexedKey[] = [];
    for (let i = 1; i <= n; i++) {
      keys.push(keyAt(`/d${'/d'.repeat(i)}`, keys.length));
      keys.push(keyAt(`/t${i}`, keys.length));
    }
    const index = KeyIndex.build(keys);
    assert.equal(index.parentKey(`/d${'/d'.repeat(n)}`)?.key?.location?.key, `/d${'/d'.repeat(n - 1)}`);
    assert.equal(index.parentKey('/t1'), undefined);
  });
});
