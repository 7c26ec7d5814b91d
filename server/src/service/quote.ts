// Text of the document in a message, a related message or a fix title: cut short and made printable, so
// that a huge field (a hostile or broken file) makes no huge message, and a message stays one line.

/**
 * The most UTF-16 units of one text a message shows. The longest paths IIS and its installers write
 * (FrontPage's `...\_vti_aut\author.dll`, 97) are shown whole.
 */
export const SHOWN = 100;

/**
 * C0 controls and DEL as their Unicode control pictures (U+2400...); C1 controls, the Unicode line and
 * paragraph separators and the bidirectional controls (U+202E would turn the rest of the line around) as
 * <U+XXXX>.
 */
export function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** The text as shown, and what is said of its length when it is cut. */
function shown(text: string): { head: string; cut: string } {
  if (text.length <= SHOWN) {
    const printed = printable(text);
    if (printed.length <= SHOWN) return { head: printed, cut: '' };
  }
  // Code point by code point, so that a surrogate pair (and a <U+XXXX>) is kept whole or left out.
  let head = '';
  for (const c of text) {
    const printed = printable(c);
    if (head.length + printed.length > SHOWN) break;
    head += printed;
  }
  return { head: `${head}...`, cut: ` (${text.length.toLocaleString('en-US')} characters)` };
}

/** A text of the document as a message shows it: `C:\x.dll`, or `C:\Pro... (100,000 characters)`. */
export function clip(text: string): string {
  const { head, cut } = shown(text);
  return head + cut;
}

/**
 * The same in quotes, `'C:\x.dll'` or `'C:\Pro...' (100,000 characters)`, or between other marks
 * (`<IIsWebServer>`).
 */
export function quoted(text: string, open = "'", close = open): string {
  const { head, cut } = shown(text);
  return `${open}${head}${close}${cut}`;
}
