// A key's element name is its key type: its class in the metabase schema (IIS 6's, or the user's own
// MBSchema.xml). A name the schema does not define (key-type-unknown) gets the nearest key types as fixes;
// a fix renames the start tag and the end tag. An untyped key (IIsConfigObject) is no class and is fine.
// The type is read from the start tag alone, so a key that is not well-formed after it is flagged too; its
// fix is offered only when it mends the key (an end tag that names another element), never when it would
// leave the key broken.

import { Span } from '../../model/multisz';
import { quoted } from '../../quote';
import { SchemaFacts, UNTYPED_KEY } from '../../schema';
import { isWhitespace } from '../../xml/chars';
import { Element, Segment } from '../../xml/tree';
import { keepsWellFormed } from '../../xml/wellFormed';
import { Edit, Finding, Fix } from '../finding';
import { NameIndex, didYouMean } from '../properties/suggest';

const indexes = new WeakMap<SchemaFacts, NameIndex>();

/** `segment` is the key's: its faults, if any, come after the start tag (the key is read from a whole start tag). */
export function checkKeyType(text: string, key: Element, segment: Segment, facts: SchemaFacts): Finding | undefined {
  const type = key.name;
  if (type === UNTYPED_KEY || facts.keyType(type)) return undefined;
  let index = indexes.get(facts);
  if (!index) indexes.set(facts, (index = new NameIndex([...facts.keyTypes.map((k) => k.name), UNTYPED_KEY])));
  const nearest = index.nearest(type);
  const { hint, evident } = didYouMean(type, nearest, 'key types');
  const fixes: Fix[] = [];
  const endName = segment.faults.some((f) => f.rule === 'xml-not-well-formed') ? mismatchedEndName(text, key, segment) : endNameOf(text, key);
  if (endName !== undefined) {
    for (const [i, name] of nearest.entries()) {
      const edits: Edit[] = [{ start: key.start + 1, end: key.nameEnd, newText: name }];
      // An end tag that has the name already is left as it is.
      if (endName && text.slice(endName.start, endName.end) !== name) edits.push({ ...endName, newText: name });
      fixes.push({ title: `Change to ${name}`, edits, preferred: i === 0 && evident });
    }
  }
  return {
    rule: 'key-type-unknown', start: key.start + 1, end: key.nameEnd, fixes,
    message: `${quoted(type)} is not a key type of the metabase schema: IIS knows no class by that name${hint}`,
  };
}

/** The name in the end tag (null for an empty-element key, which has none); undefined if that is not found. */
function endNameOf(text: string, key: Element): Span | null | undefined {
  if (text.startsWith('/>', key.end - 2)) return null;
  // The end tag is `</Type` and optional white space before the `>` that ends the key.
  let end = key.end - 1;
  while (end > key.nameEnd && isWhitespace(text.charCodeAt(end - 1))) end--;
  const nameStart = end - key.name.length;
  if (!text.startsWith('</', nameStart - 2) || text.slice(nameStart, end) !== key.name) return undefined;
  return { start: nameStart, end };
}

/**
 * For a key whose one fault is an end tag that names another element (`<IIsWebVirtualDri ...></IIsWebVirtualDir>`),
 * the name in that end tag, if the key ends there and one name in both tags makes it well-formed for
 * fast-xml-parser (the end tag may be a child's). Undefined otherwise: no edit may leave the key broken.
 */
function mismatchedEndName(text: string, key: Element, segment: Segment): Span | undefined {
  if (segment.faults.length !== 1) return undefined;
  const { start, end } = segment.faults[0];
  if (!text.startsWith('</', start)) return undefined;
  let close = end;
  while (close < segment.end && isWhitespace(text.charCodeAt(close))) close++;
  // Only white space after the `>` in the segment: the key's own text is all that is checked.
  if (text[close] !== '>' || text.slice(close + 1, segment.end).trim() !== '') return undefined;
  const name = text.slice(start + 2, end);
  const mended = `<${name}${text.slice(key.nameEnd, close + 1)}`;
  return keepsWellFormed(mended) ? { start: start + 2, end } : undefined;
}
