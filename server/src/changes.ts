// Folds a run of text edits into the one change that covers them all, as `updateModel` wants it.

import { TextChange } from './service';

/**
 * The changed region so far, in the coordinates of the current text: `[start, end)` of the current text
 * replaced `[start, end - delta)` of the text before the first edit.
 */
export interface PendingChange {
  start: number;
  end: number;
  delta: number;
}

/** Adds the edit that replaced `[start, end)` of the current text by `newLength` characters. */
export function addEdit(pending: PendingChange | undefined, start: number, end: number, newLength: number): PendingChange {
  const d = newLength - (end - start);
  if (!pending) return { start, end: start + newLength, delta: d };
  return {
    start: Math.min(pending.start, start),
    end: Math.max(pending.end, end) + d,
    delta: pending.delta + d,
  };
}

export function toTextChange(pending: PendingChange): TextChange {
  return { start: pending.start, oldEnd: pending.end - pending.delta, newEnd: pending.end };
}
