// What a rule reports: a range of the document, a message, and the fixes that make it go away.

import { Quote } from '../xml/tree';
import { RuleId } from './table';

export interface Edit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
  /** The fix that "fix all" applies; a rule offers at most one. */
  preferred?: boolean;
}

export interface Related {
  start: number;
  end: number;
  message: string;
}

/** The raw content of the MULTISZ item a finding is about, and the quote of its attribute. */
export interface ItemScope {
  start: number;
  end: number;
  quote: Quote;
  /** The rules such an item breaks (see itemRules); ScriptMaps' when not set. */
  rules?: (raw: string, quote: Quote) => Set<RuleId> | undefined;
}

export interface Finding {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
  related?: Related[];
  /** Set on the findings of one item (not on those about blank items or duplicates across items). */
  item?: ItemScope;
}
