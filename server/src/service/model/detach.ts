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
