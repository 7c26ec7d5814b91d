// V8 keeps a whole string alive as long as any slice of it lives. What the model keeps across edits
// (messages, element names) must not be a slice of the document text, or every old version of a
// 45 MB document would stay in memory.

/** A copy of `s` that shares no memory with the string it was cut from. */
export function detach(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
