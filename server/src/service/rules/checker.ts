// The checker the model is given: every rule, with the schema facts in use (IIS's own or a user's).

import { Checker, SegmentCheck } from '../model/document';
import { SchemaFacts, iisSchemaFacts } from '../schema';
import { checkSegmentNow, checkSegmentSteps } from '.';
import { checkKey } from './keys/hierarchy';
import { CrossContext, beyondSubtrees, crossSteps } from './cross';
import { factsFingerprint } from './cross/facts';

export interface RuleChecker extends Checker {
  readonly facts: SchemaFacts;
  /** False for a checker that runs no rule (see checkerFor). */
  readonly checked: boolean;
}

const checkers = new WeakMap<SchemaFacts, RuleChecker>();
const readers = new WeakMap<SchemaFacts, RuleChecker>();

/**
 * One checker per facts, so that a model built with them can be updated with them. `checked` false: a
 * checker that runs no rule (the keys are read, for the outline, folding and completion, and nothing is
 * reported), for a document whose findings would not fit in memory.
 */
export function checkerFor(facts: SchemaFacts = iisSchemaFacts(), checked = true): RuleChecker {
  const made = checked ? checkers : readers;
  let checker = made.get(facts);
  if (!checker) {
    checker = checked ? {
      facts,
      checked,
      segmentNow: (text, segment) => checkSegmentNow(text, segment, facts),
      segment: (text, segment) => checkSegmentSteps(text, segment, facts),
      key: (text, own, first, parent) => checkKey(text, own, first, parent, facts),
      cross: {
        steps: (text, index, only) => crossSteps(new CrossContext(text, index, facts), only),
        beyond: beyondSubtrees,
        fingerprint: (key, text) => factsFingerprint(key, text, facts),
      },
    } : { facts, checked, segment: readOnly, key: () => [] };
    made.set(facts, checker);
  }
  return checker;
}

// A segment read without rules is done at once: its steps have nothing to yield.
// eslint-disable-next-line require-yield
function* readOnly(): Generator<void, SegmentCheck, void> {
  return { findings: [] };
}
