// V8 keeps a whole string alive as long as any slice of it lives. What the model keeps across edits
// (messages, element names) must not be a slice of the document text, or every old version of a
// 45 MB document would stay in memory.

/**
 * A copy of `s` that shares no memory with the string it was cut from: slicing a concatenation flattens it
 * into a new string first (one copy of the characters; JSON's round trip cost twenty times more).
 */
export function detach(s: string): string {
  // V8 makes no slice (nor concatenation) of fewer than 13 characters: such a string is its own copy.
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * A bounded store of detached strings: each text is copied once and the copy shared by all who keep it
 * (names and paths repeat from key to key). Past `max` texts it starts again empty, so that what is typed one
 * character at a time does not pile up.
 */
export function interner(max: number): (s: string) => string {
  const kept = new Map<string, string>();
  return (s) => {
    let k = kept.get(s);
    if (k === undefined) {
      if (kept.size >= max) kept.clear();
      k = detach(s);
      kept.set(k, k);
    }
    return k;
  };
}
