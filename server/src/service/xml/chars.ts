// Character classes of XML 1.0 that the scanner needs, tested on UTF-16 code units.

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f; // /
export const EQ = 0x3d; // =
export const AMP = 0x26; // &
export const DQUOTE = 0x22; // "
export const SQUOTE = 0x27; // '
export const BANG = 0x21; // !
export const QUESTION = 0x3f; // ?
export const LF = 0x0a;
export const CR = 0x0d;
export const BOM = 0xfeff;

export function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR;
}

/** Name start characters (XML 1.0 fifth edition, production 4), ASCII fast path first. */
export function isNameStart(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  }
  return (
    (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) || (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xd800 && c <= 0xdbff) /* high surrogate: astral name chars */ ||
    (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export function isNameChar(c: number): boolean {
  if (c < 0x80) {
    return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
  }
  return isNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040) ||
    (c >= 0xdc00 && c <= 0xdfff);
}

/** Characters XML 1.0 forbids anywhere in a document (production 2), as UTF-16 code units. */
export function isForbiddenChar(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== LF && c !== CR;
  return c === 0xfffe || c === 0xffff;
}

/** End of the name starting at `pos` (pos itself when no name starts there). */
export function scanName(text: string, pos: number): number {
  if (pos >= text.length || !isNameStart(text.charCodeAt(pos))) return pos;
  let i = pos + 1;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

export function skipWhitespace(text: string, pos: number): number {
  while (pos < text.length && isWhitespace(text.charCodeAt(pos))) pos++;
  return pos;
}
