// fast-xml-parser's validator is the well-formedness authority for each key element; the scanner adds
// what it does not check (references, '<' in values) and pinpoints faults, so it runs only where the
// scanner found none.

import { XMLValidator } from 'fast-xml-parser';
import { scanName } from './chars';
import { XmlFault } from './tree';

export function validateElement(text: string, start: number, end: number): XmlFault | undefined {
  const chunk = text.slice(start, end);
  const result = XMLValidator.validate(chunk);
  if (result === true) return undefined;
  const { line, col, msg } = result.err;
  // The validator counts lines by LF and columns from 1.
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const lf = chunk.indexOf('\n', offset);
    if (lf < 0) break;
    offset = lf + 1;
  }
  const at = Math.min(start + offset + Math.max(col - 1, 0), end - 1);
  const nameEnd = scanName(text, at);
  return { rule: 'xml-not-well-formed', start: at, end: nameEnd > at ? Math.min(nameEnd, end) : at + 1, message: msg };
}
