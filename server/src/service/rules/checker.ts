// The checker the model is given: every rule, with the schema facts in use (IIS's own or a user's).

import { Checker } from '../model/document';
import { SchemaFacts, iisSchemaFacts } from '../schema';
import { checkSegmentSteps } from '.';
import { checkKey } from './keys/hierarchy';
import { CrossContext, beyondSubtrees, crossSteps } from './cross';
import { factsFingerprint } from './cross/facts';

export interface RuleChecker extends Checker {
  readonly facts: SchemaFacts;
}

const checkers = new WeakMap<SchemaFacts, RuleChecker>();

/** One checker per facts, so that a model built with them can be updated with them. */
export function checkerFor(facts: SchemaFacts = iisSchemaFacts()): RuleChecker {
  let checker = checkers.get(facts);
  if (!checker) {
    checker = {
      facts,
      segment: (text, segment) => checkSegmentSteps(text, segment, facts),
      key: (text, own, first, parent) => checkKey(text, own, first, parent, facts),
      cross: {
        steps: (text, index, only) => crossSteps(new CrossContext(text, index, facts), only),
        beyond: beyondSubtrees,
        fingerprint: (key, text) => factsFingerprint(key, text, facts),
      },
    };
    checkers.set(facts, checker);
  }
  return checker;
}
