// The encodings a metabase comes in: UTF-8 (with or without BOM), and UTF-16 LE or BE with a BOM (IIS and
// Notepad write both). Decoding is strict: a file that cannot be decoded is refused with the reason, never
// linted with replacement characters (its bytes would be lost by --fix, and the report would be noise).

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  /** Without the BOM. */
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/** A file whose bytes are not text in a supported encoding; the message names the problem. */
export class DecodeError extends Error {}

export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict(bytes.subarray(3), 'utf-8', true);
  // UTF-32 LE's BOM starts with UTF-16 LE's; neither UTF-32 form is one IIS writes or this tool reads.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    throw new DecodeError('it is UTF-32 (its byte order mark says so): save it as UTF-8 or as UTF-16 with a BOM');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict(bytes.subarray(2), 'utf-16le', true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict(bytes.subarray(2), 'utf-16be', true);
  // A NUL byte never occurs in UTF-8 XML; in UTF-16 without a BOM, in every other byte of ASCII text.
  if (bytes.includes(0)) {
    throw new DecodeError('it contains NUL bytes: UTF-16 without a byte order mark? Save it as UTF-8 or as UTF-16 with a BOM');
  }
  return strict(bytes, 'utf-8', false);
}

export function encode(decoded: Decoded): Buffer {
  const text = decoded.bom ? `\uFEFF${decoded.text}` : decoded.text;
  if (decoded.encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return decoded.encoding === 'utf-16be' ? bytes.swap16() : bytes;
}

function strict(bytes: Uint8Array, encoding: Encoding, bom: boolean): Decoded {
  const name = encoding.toUpperCase();
  if (encoding !== 'utf-8' && bytes.length % 2 !== 0) {
    throw new DecodeError(`it is not valid ${name}: an odd number of bytes (${bytes.length + 2} with the BOM)`);
  }
  try {
    // ignoreBOM: the BOM was already taken off; a second one is text.
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding, bom };
  } catch {
    throw new DecodeError(`it is not valid ${name}${bom ? '' : ' (and has no byte order mark)'}${badOffset(bytes, encoding, bom)}`);
  }
}

/** Where the first undecodable sequence is, for UTF-8 (found by a binary search on valid prefixes). */
function badOffset(bytes: Uint8Array, encoding: Encoding, bom: boolean): string {
  if (encoding !== 'utf-8') return '';
  const valid = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (valid(mid)) low = mid;
    else high = mid - 1;
  }
  if (low >= bytes.length) return ': a character is cut off at the end';
  // The valid prefix may end inside a sequence whose next byte is the bad one (C3 28): name its lead byte.
  let start = low;
  while (start > 0 && low - start < 3 && (bytes[start - 1] & 0xc0) === 0x80) start--;
  if (start > 0 && bytes[start - 1] >= 0xc0 && low - start < 3) start--;
  else start = low;
  return `: byte 0x${bytes[start].toString(16).padStart(2, '0')} at offset ${start + (bom ? 3 : 0)} (${lineColumn(bytes, start)})`;
}

/** Where byte `at` (which starts a sequence) is, as an editor shows it: lines split at CR, LF or CRLF, columns counted in characters. */
function lineColumn(bytes: Uint8Array, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes before `at` on its line are whole UTF-8 sequences (the prefix up to the bad byte decodes).
  return `line ${line}, column ${new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at)).length + 1}`;
}
