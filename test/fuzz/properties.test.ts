// Property tests of the language service over random and mutated metabases, hostile inputs, and the
// regressions the fuzzer found. Bounded for npm test (fixed seed, modest runs); `npm run fuzz` runs the
// same properties much longer (test/fuzz/run.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../../server/src/service';
import { documentArb, scriptMapsDocumentArb } from './arbitraries';
import { analyse, checkFixes, messageOf, checkIncremental, checkValidate, lookAheadRatio } from './checks';
import { HOSTILE, applyMutation, billionLaughs, externalEntity, keyWith, mutationArb, wrapKeys } from './mutations';

const SEED = 20240611;
const params = (numRuns: number) => ({ seed: SEED, numRuns });

describe('fuzz: validate on generated and mutated metabases', () => {
  it('returns, keeps every range inside the document, and gives the same result twice', () => {
    fc.assert(fc.property(documentArb({ faults: true }), (d) => {
      checkValidate(d.text, { hover: true });
    }), params(60));
  });

  it('survives mutations of valid files, and the incremental model equals a fresh parse', () => {
    fc.assert(fc.property(documentArb({ maxKeys: 3 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (d, ms) => {
      let text = d.text;
      for (const m of ms) {
        const r = applyMutation(text, m);
        checkValidate(r.text);
        checkIncremental(text, r.text, r.change);
        text = r.text;
      }
    }), params(60));
  });
});

describe('fuzz: fixes never lose data', () => {
  it('every quick fix and fixAll keep well-formedness, fix their diagnostic, add no error, touch nothing else', () => {
    fc.assert(fc.property(scriptMapsDocumentArb(), (d) => {
      checkFixes(d.text);
    }), params(80));
  });

  it('the same on whole documents with several keys', () => {
    fc.assert(fc.property(documentArb(), (d) => {
      checkFixes(d.text, { maxFixes: 40 });
    }), params(25));
  });
});

describe('fuzz: hostile inputs finish', () => {
  for (const h of HOSTILE) {
    it(`${h.name}: validate returns; the scanner looks at each character a bounded number of times`, () => {
      const text = h.make(h.full);
      const { diagnostics } = analyse(text);
      assert.ok(Array.isArray(diagnostics));
      // Time-independent proxy for linear work: how far the scanner looked, per character (quadratic
      // re-reading shows up as a ratio that grows with the input).
      const ratio = lookAheadRatio(text);
      assert.ok(ratio <= 3, `the scanner looked ${ratio.toFixed(1)} times at each character`);
    });
  }

  it('billion laughs: an xml-doctype diagnostic, and the entity is never expanded', () => {
    const text = billionLaughs();
    const { document, diagnostics } = analyse(text);
    assert.ok(diagnostics.some((d) => d.code === 'xml-doctype'), 'no xml-doctype diagnostic');
    const undefinedEntity = diagnostics.find((d) => d.code === 'xml-not-well-formed' && /&lol9;/.test(messageOf(d)) && /not defined/.test(messageOf(d)));
    assert.ok(undefinedEntity, `no diagnostic says &lol9; is not defined: ${JSON.stringify(diagnostics.map(messageOf))}`);
    assert.equal(document.getText(undefinedEntity.range), '&lol9;');
    // Nothing the service says or offers holds an expansion.
    for (const d of diagnostics) assert.ok(!messageOf(d).includes('lollol'), `a message holds an expansion: ${messageOf(d).slice(0, 100)}`);
    assert.deepEqual(fixAll(document, analyse(text).model), []);
  });

  it('an external SYSTEM entity is reported as undefined, never resolved', () => {
    const { document, diagnostics } = analyse(externalEntity());
    assert.ok(diagnostics.some((d) => d.code === 'xml-doctype'));
    const d = diagnostics.find((x) => x.code === 'xml-not-well-formed' && /&xxe;/.test(messageOf(x)));
    assert.ok(d, 'no diagnostic says &xxe; is not defined');
    assert.equal(document.getText(d.range), '&xxe;');
    assert.ok(!diagnostics.some((x) => /root:|passwd:/.test(messageOf(x))));
  });
});

// ---- regressions found by the fuzzer (they fail until the service is fixed) ----

function scriptMaps(value: string): string {
  return wrapKeys(keyWith(`\t\tScriptMaps="${value}"\r\n`));
}

describe('fuzz regressions', () => {
  it('R1: a ScriptMaps list with very many findings does not overflow the stack (findings.push(...spread))', () => {
    // 40,000 items with 4 findings each: rules/index.ts pushes them with a spread, which throws RangeError.
    const text = scriptMaps(Array(40_000).fill('asp,x,y,get,,').join('\r\n\t\t\t'));
    assert.doesNotThrow(() => analyse(text));
  });

  it('R2: fixAll does not merge two items when it removes a blank item between CRLF and CR', () => {
    // `GET\r\n\r.idc`: the blank item's removal becomes a minimal edit that starts between CR and LF; the
    // LSP position of that offset is the end of the line, so the edit also eats the CR: items merge.
    const text = scriptMaps('.asp,C:\\x\\asp.dll,5,GET\r\n\r.idc,C:\\x\\h.dll,5,GET');
    const { document, model } = analyse(text);
    const out = TextDocument.applyEdits(document, fixAll(document, model));
    assert.ok(out.includes('GET\r\n.idc') || out.includes('GET\r.idc'), `the items merged: ${JSON.stringify(out.slice(90, 200))}`);
  });

  it('R3: fixAll removes a blank item between CR and CRLF (its edit must not end between CR and LF)', () => {
    // `GET\r\r\n.idc`: the minimal edit is [second CR, LF) whose end maps to the same LSP position as its
    // start: an empty edit, so the blank item stays and fixAll is not idempotent.
    const text = scriptMaps('.asp,C:\\x\\asp.dll,5,GET\r\r\n.idc,C:\\x\\h.dll,5,GET');
    const { document, model } = analyse(text);
    const edits = fixAll(document, model);
    const out = TextDocument.applyEdits(document, edits);
    assert.notEqual(out, text, `fixAll edits nothing: ${JSON.stringify(edits)}`);
    const again = analyse(out);
    assert.deepEqual(fixAll(again.document, again.model), []);
  });

  it('R6: fixAll removes an indented blank item between CR and CRLF (not only its indentation)', () => {
    // `GET\r\t\t\t\r\n.idc`: the minimal edit [TABs + CR) ends between CR and LF, its LSP range shrinks to
    // the TABs, and the result `GET\r\r\n` still holds the blank item (which fixAll then cannot remove: R3).
    const text = scriptMaps('.asp,C:\\x\\asp.dll,1,GET\r\t\t\t\r\n\t\t\t.idc,C:\\x\\h.dll,5,GET');
    const { document, model } = analyse(text);
    const out = TextDocument.applyEdits(document, fixAll(document, model));
    assert.ok(!/GET\r\r\n/.test(out), `the blank item is still there: ${JSON.stringify(out.slice(150, 230))}`);
    assert.ok(!analyse(out).diagnostics.some((d) => d.code === 'item-blank'), 'item-blank is still reported');
  });

  it('R4: item-blank ranges do not start or end between the CR and LF of a line break', () => {
    // A blank first item (value starts with CRLF) is reported at [CR, CR+1): the LSP range collapses to an
    // empty one at the line end; a blank item after a CRLF is reported at [LF, LF+1), starting mid-CRLF.
    for (const value of ['\r\n.idc,C:\\x\\h.dll,5,GET', '.asp,C:\\x\\asp.dll,5,GET\r\n\r\n.idc,C:\\x\\h.dll,5,GET']) {
      checkValidate(scriptMaps(value));
    }
  });

  it('R5: a single-character fault range does not split a surrogate pair', () => {
    // `Value=😀"x"`: "the value of 'Value' must be in quotes" is reported at [q, q+1), half of the emoji.
    checkValidate(wrapKeys(keyWith('\t\tScriptMaps=".asp,C:\\x.dll,5,GET"\r\n', '\t<Custom Name="X" ID="1" Value=\u{1F600}"x" Type="DWORD"/>\r\n')));
  });
});
