// The table of names gives the same string as a cut of the text, whatever came before (a slot taken by
// another name of the same hash, a name longer than the table keeps, an empty range).

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nameAt } from '../../server/src/service/xml/names';

const NAME = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.:-]{0,80}$/);

describe('nameAt', () => {
  it('equals the text it names, in any sequence of lookups', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.array(NAME, { minLength: 1, maxLength: 8 }), fc.nat()), { maxLength: 40 }), (lookups) => {
      for (const [names, pick] of lookups) {
        const text = ` ${names.join(' ')} `;
        const k = pick % names.length;
        const start = 1 + names.slice(0, k).reduce((n, name) => n + name.length + 1, 0);
        const end = start + names[k].length;
        assert.equal(nameAt(text, start, end), text.slice(start, end));
        assert.equal(nameAt(text, start, start), '');
      }
    }), { numRuns: 3000 });
  });

  it('reads right names that take one slot in turn (same length, same three characters)', () => {
    assert.equal(nameAt('<AccessFlags', 1, 12), 'AccessFlags');
    assert.equal(nameAt('x AccessFlags="1"', 2, 13), 'AccessFlags');
    assert.equal(nameAt('Axxxb', 0, 5), 'Axxxb');
    assert.equal(nameAt('Axyxb', 0, 5), 'Axyxb');
    assert.equal(nameAt('Axxxb', 0, 5), 'Axxxb');
  });
});
