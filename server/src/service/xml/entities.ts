// Entity and character references. Only the five predefined entities and character references are
// ever resolved: a metabase has no DTD, and expanding one would open the door to entity bombs.

import { AMP, LT, isForbiddenChar, scanName } from './chars';
import { quoted } from '../quote';

const PREDEFINED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

export interface Reference {
  /** Offset just past the reference (past the `;` when there is one). */
  end: number;
  /** The character(s) it stands for; undefined when the reference is not valid. */
  value?: string;
  /** Why it is not valid. */
  problem?: string;
}

/** Reads the reference that starts with the `&` at `pos`, not looking at or past `limit`. */
export function readReference(text: string, pos: number, limit: number): Reference {
  let i = pos + 1;
  if (i < limit && text.charCodeAt(i) === 0x23 /* # */) {
    i++;
    const hex = i < limit && text.charCodeAt(i) === 0x78; /* x */
    if (hex) i++;
    const digitsStart = i;
    while (i < limit && isDigit(text.charCodeAt(i), hex)) i++;
    if (i === digitsStart || i >= limit || text.charCodeAt(i) !== 0x3b) {
      return { end: i, problem: "a character reference must look like '&#123;' or '&#x7B;'" };
    }
    const code = parseInt(text.slice(digitsStart, i), hex ? 16 : 10);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code <= 0xffff && isForbiddenChar(code)) || code === 0) {
      return { end: i + 1, problem: `${quoted(text.slice(pos, i + 1))} is not a character XML allows` };
    }
    return { end: i + 1, value: String.fromCodePoint(code) };
  }
  const nameEnd = Math.min(scanName(text, i), limit);
  if (nameEnd === i || nameEnd >= limit || text.charCodeAt(nameEnd) !== 0x3b) {
    return { end: i, problem: "a bare '&' must be written '&amp;'" };
  }
  const name = text.slice(i, nameEnd);
  const value = PREDEFINED[name];
  if (value === undefined) {
    return { end: nameEnd + 1, problem: `the entity ${quoted(name, "'&", ";'")} is not defined (a metabase has no DTD; only &quot; &amp; &lt; &gt; &apos; and character references exist)` };
  }
  return { end: nameEnd + 1, value };
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)));
}

/** A well-formedness fault inside character data or an attribute value. */
export interface TextFault {
  start: number;
  end: number;
  message: string;
}

const NEEDS_CHECK = /[&<\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/**
 * Checks the raw text [start, end) of an attribute value: references must be valid, `<` is not allowed,
 * and neither are characters XML forbids. Returns the first fault, or undefined.
 */
export function checkAttributeText(text: string, start: number, end: number): TextFault | undefined {
  // Most values hold none of these: one native search over the value spares the loop below.
  if (!NEEDS_CHECK.test(text.slice(start, end))) return undefined;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === AMP) {
      const ref = readReference(text, i, end);
      if (ref.problem) return { start: i, end: Math.max(ref.end, i + 1), message: ref.problem };
      i = ref.end - 1;
    } else if (c === LT) {
      return { start: i, end: i + 1, message: "'<' is not allowed in an attribute value: write '&lt;'" };
    } else if (c < 0x20 ? isForbiddenChar(c) : c >= 0xfffe && isForbiddenChar(c)) {
      return { start: i, end: i + 1, message: `the character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML` };
    }
  }
  return undefined;
}

/**
 * Text decoded from raw XML, with the raw offset of every decoded character, so that a range found in
 * the decoded text maps back to the exact raw characters (entities included).
 */
export class DecodedText {
  /** starts[i] is the raw offset of decoded character i; starts[text.length] is the raw end. Null: identity. */
  private constructor(readonly text: string, private readonly starts: number[] | null, private readonly base: number) {}

  /** Decodes raw [start, end), which must hold no invalid reference (see checkAttributeText). */
  static decode(raw: string, start: number, end: number): DecodedText {
    // Search only inside the range: an indexOf on the whole text would run to the next '&' of the file.
    const slice = raw.slice(start, end);
    if (slice.indexOf('&') < 0) return new DecodedText(slice, null, start);
    // Runs of plain characters are cut as slices and joined once: `+=` per character would copy huge values.
    const parts: string[] = [];
    const starts: number[] = [];
    let i = start;
    let run = start;
    while (i < end) {
      if (raw.charCodeAt(i) === AMP) {
        if (run < i) parts.push(raw.slice(run, i));
        const ref = readReference(raw, i, end);
        const value = ref.value ?? raw.slice(i, ref.end);
        for (let k = 0; k < value.length; k++) starts.push(i);
        parts.push(value);
        i = Math.max(ref.end, i + 1);
        run = i;
      } else {
        starts.push(i);
        i++;
      }
    }
    if (run < end) parts.push(raw.slice(run, end));
    const text = parts.join('');
    starts.push(end);
    return new DecodedText(text, starts, start);
  }

  /** Text that is its own raw form (no reference), its first character at raw offset `base`. */
  static plain(text: string, base: number): DecodedText {
    return new DecodedText(text, null, base);
  }

  /** Whether the raw text is the decoded text (it holds no reference). */
  get isPlain(): boolean {
    return this.starts === null;
  }

  /** Raw offset where decoded character `i` starts; `i === text.length` gives the raw end. */
  raw(i: number): number {
    return this.starts ? this.starts[i] : this.base + i;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Writes `value` so that it can stand inside an attribute delimited by `quote` and read back as `value`:
 * a raw TAB, LF or CR would be normalised to a space by an XML parser (and a line break would cut a
 * MULTISZ item in two), so they are written as character references.
 */
export function encodeAttributeText(value: string, quote: '"' | "'"): string {
  return value.replace(quote === '"' ? /[&<"\t\n\r]/g : /[&<'\t\n\r]/g, (c) => ESCAPES[c]);
}
