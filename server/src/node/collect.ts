// A full garbage collection on demand, for the Node entries. A document's text comes in a message that costs
// about twice the text again (its bytes and its JSON), garbage as soon as the text is read out of it; V8
// frees it only when the old generation fills. Collected before a big text is read, it is not added to the
// model's own memory at the process's high-water mark (a 45 MB metabase: 323 MB instead of 414), and the
// heap watch does not count it as the reading's.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** Characters of a text from which its reading is worth a full collection first (one takes tens of milliseconds). */
const COLLECT_FROM = 8_000_000;

/** Collects the garbage before a whole text of `length` characters is read, when that is big enough to matter. */
export function collectBefore(length: number): void {
  if (length >= COLLECT_FROM) collectGarbage();
}

function collectGarbage(): void {
  if (!gc) {
    // What Node's --expose-gc does, for this process only from now on: a new context gets the `gc` function.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
