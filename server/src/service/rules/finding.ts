// What a rule reports: a range of the document, a message, and the fixes that make it go away.

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

export interface Finding {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
  related?: Related[];
}
