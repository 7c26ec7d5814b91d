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

/** One edit: `[start, oldEnd)` of the text before it became `newLength` characters. */
export interface LoggedEdit {
  start: number;
  oldEnd: number;
  newLength: number;
}

/** The edits in the order they came; `'all'` when unknown (a full-text change, or too many to map through). */
export type EditLog = readonly LoggedEdit[] | 'all';

/** Mapping a position through more edits than this costs more than waiting for the build that absorbs them. */
const MAX_LOGGED_EDITS = 256;

export function logEdit(log: EditLog, start: number, oldEnd: number, newLength: number): EditLog {
  if (log === 'all' || log.length >= MAX_LOGGED_EDITS) return 'all';
  return [...log, { start, oldEnd, newLength }];
}
