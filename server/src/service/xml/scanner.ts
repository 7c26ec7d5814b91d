// A tolerant XML scanner over the raw text. It gives what an XML parser hides (the offsets of every
// attribute and of every character in its value) and cuts the document into segments (one per metabase
// key) that can be read again one by one after an edit. On a fault it reports the exact characters and
// resynchronises at the next tag that starts a line, so that the rest of the document is still read.

import {
  BANG, BOM, CR, GT, LF, LT, QUESTION, SLASH, isForbiddenChar, isNameStart, isWhitespace, scanName, skipWhitespace,
} from './chars';
import { checkAttributeText, readReference } from './entities';
import { Attribute, Element, OpenElement, Quote, ScanState, Segment, XmlFault } from './tree';
import { detach } from '../model/detach';
import { quoted } from '../quote';

/** The run of an attribute value's characters that need no check: not its quote, `&`, `<` or a character XML forbids. */
const PLAIN_IN_DOUBLE = /[^"&<\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*/y;
const PLAIN_IN_SINGLE = /[^'&<\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*/y;

/** The element whose children are metabase keys. */
const KEY_PARENT = 'MBProperty';

/** Reads the segment that starts at `start` in the given state. */
export function scanSegment(text: string, start: number, before: ScanState): Segment {
  return new SegmentScanner(text, start, before).scan();
}

class SegmentScanner {
  private reach: number;
  private readonly faults: XmlFault[] = [];
  private open: OpenElement | undefined;
  private afterRoot: boolean;
  private key?: Element;
  /** A key whose start tag broke off: what was read of it before the fault. */
  private partial?: Element;
  /** The name of the key being read, known before its start tag is: resync looks for its end tag. */
  private keyName?: string;

  constructor(private readonly text: string, private readonly start: number, private readonly before: ScanState) {
    this.reach = start;
    this.open = before.open;
    this.afterRoot = before.afterRoot;
  }

  scan(): Segment {
    let pos = this.start;
    if (pos === 0 && this.text.charCodeAt(0) === BOM) pos = 1;
    let end = this.text.charCodeAt(pos) === LT ? this.markup(pos) : this.characterData(pos);
    end = this.trailingWhitespace(end);
    return {
      start: this.start, end, reach: Math.max(this.reach, end), before: this.before,
      // Most segments end in the state they began in (a key under <MBProperty>): that state is shared.
      after: this.open === this.before.open && this.afterRoot === this.before.afterRoot ? this.before : { open: this.open, afterRoot: this.afterRoot },
      key: this.key, partial: this.partial, faults: this.faults,
    };
  }

  // ---- looking at the text (every look is recorded in `reach`) ----

  private code(i: number): number {
    if (i + 1 > this.reach) this.reach = i + 1;
    return this.text.charCodeAt(i);
  }

  /** indexOf that records how far it looked; returns -1 when not found. */
  private find(s: string, from: number): number {
    const i = this.text.indexOf(s, from);
    this.reach = Math.max(this.reach, i < 0 ? this.text.length : i + s.length);
    return i;
  }

  private nameEnd(pos: number): number {
    const end = scanName(this.text, pos);
    this.reach = Math.max(this.reach, end + 1);
    return end;
  }

  private skipWs(pos: number): number {
    const end = skipWhitespace(this.text, pos);
    this.reach = Math.max(this.reach, end + 1);
    return end;
  }

  private fault(start: number, end: number, message: string): void {
    end = Math.min(Math.max(end, start + 1), this.text.length);
    // Never end a range inside a surrogate pair (an emoji is two UTF-16 units).
    if (end < this.text.length && isLowSurrogate(this.text.charCodeAt(end)) && isHighSurrogate(this.text.charCodeAt(end - 1))) end++;
    this.faults.push({ rule: 'xml-not-well-formed', start, end, message });
  }

  private startsWith(s: string, pos: number): boolean {
    this.reach = Math.max(this.reach, Math.min(pos + s.length, this.text.length));
    return this.text.startsWith(s, pos);
  }

  // ---- the pieces of a document ----

  /** White space after a piece of markup belongs to it, so that keys and the gaps between them pair up. */
  private trailingWhitespace(pos: number): number {
    if (pos >= this.text.length) return pos;
    const end = this.skipWs(pos);
    return end < this.text.length && this.code(end) !== LT ? pos : end;
  }

  /** Text between tags, up to the next `<`. */
  private characterData(pos: number): number {
    let end = this.find('<', pos);
    if (end < 0) end = this.text.length;
    if (!this.open) {
      const first = skipWhitespace(this.text, pos);
      if (first < end) this.fault(first, end, 'text is not allowed outside the root element');
    } else {
      this.checkCharacterData(pos, end);
    }
    return end;
  }

  private checkCharacterData(start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x26) {
        const ref = readReference(this.text, i, end);
        if (ref.problem) {
          this.fault(i, ref.end, ref.problem);
          return false;
        }
        i = ref.end - 1;
      } else if (isForbiddenChar(c)) {
        this.fault(i, i + 1, `the character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
        return false;
      }
    }
    return true;
  }

  /** Markup at `pos` (a `<`); returns where it ends. */
  private markup(pos: number): number {
    const next = this.code(pos + 1);
    if (next === QUESTION) return this.processingInstruction(pos);
    if (next === BANG) {
      if (this.startsWith('<!--', pos)) return this.comment(pos);
      if (this.startsWith('<![CDATA[', pos)) return this.cdata(pos);
      if (this.startsWith('<!DOCTYPE', pos)) return this.doctype(pos);
      this.fault(pos, pos + 2, "unknown markup: '<!' must start a comment '<!--'");
      return this.resync(pos + 2);
    }
    if (next === SLASH) return this.endTag(pos);
    if (isNameStart(next)) return this.startTag(pos);
    this.fault(pos, pos + 1, "'<' must start a tag; write '&lt;' for a literal '<'");
    return this.resync(pos + 1);
  }

  private processingInstruction(pos: number): number {
    const close = this.find('?>', pos + 2);
    const targetEnd = this.nameEnd(pos + 2);
    const target = this.text.slice(pos + 2, targetEnd);
    if (close < 0) {
      this.fault(pos, targetEnd, `the processing instruction ${quoted(target, "'<?", "'")} is not closed with '?>'`);
      return this.text.length;
    }
    const atTop = pos === 0 || (pos === 1 && this.text.charCodeAt(0) === BOM);
    if (target.toLowerCase() === 'xml' && !atTop) {
      this.fault(pos, targetEnd, 'the XML declaration must be at the very start of the file');
    } else if (targetEnd === pos + 2) {
      this.fault(pos, pos + 2, "a processing instruction needs a target name after '<?'");
    }
    return close + 2;
  }

  private comment(pos: number): number {
    const close = this.find('-->', pos + 4);
    if (close < 0) {
      this.fault(pos, pos + 4, "the comment is not closed with '-->'");
      return this.text.length;
    }
    const dashes = this.text.indexOf('--', pos + 4);
    if (dashes < close) this.fault(dashes, dashes + 2, "'--' is not allowed inside a comment");
    return close + 3;
  }

  private cdata(pos: number): number {
    const close = this.find(']]>', pos + 9);
    if (!this.open) this.fault(pos, pos + 9, 'a CDATA section is not allowed outside the root element');
    if (close < 0) {
      this.fault(pos, pos + 9, "the CDATA section is not closed with ']]>'");
      return this.text.length;
    }
    return close + 3;
  }

  /** A DOCTYPE is skipped, never interpreted: its entities are not expanded. */
  private doctype(pos: number): number {
    this.faults.push({
      rule: 'xml-doctype', start: pos, end: pos + 9,
      message: 'a DOCTYPE is not supported in a metabase: its declarations are ignored and its entities are never expanded',
    });
    if (this.open || this.afterRoot) this.fault(pos, pos + 9, 'a DOCTYPE must come before the root element');
    let i = pos + 9;
    let quote = 0;
    let depth = 0;
    for (; i < this.text.length; i++) {
      const c = this.code(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x5b) depth++;
      else if (c === 0x5d) depth--;
      else if (c === GT && depth <= 0) return i + 1;
    }
    this.fault(pos, pos + 9, "the DOCTYPE is not closed with '>'");
    return this.text.length;
  }

  private endTag(pos: number): number {
    const nameEnd = this.nameEnd(pos + 2);
    const name = this.text.slice(pos + 2, nameEnd);
    const close = this.skipWs(nameEnd);
    if (nameEnd === pos + 2 || this.code(close) !== GT) {
      this.fault(pos, Math.max(nameEnd, pos + 2), nameEnd === pos + 2 ? "'</' must be followed by an element name" : `the end tag ${quoted(name, '</', '>')} is not closed with '>'`);
      return this.resync(pos + 2);
    }
    let closed = this.open;
    while (closed && closed.name !== name) closed = closed.parent;
    if (!closed) {
      this.fault(pos, nameEnd, this.open
        ? `unexpected end tag ${quoted(name, '</', '>')}: the open element is ${quoted(this.open.name, '<', '>')}`
        : `unexpected end tag ${quoted(name, '</', '>')}: no element is open`);
    } else {
      if (closed !== this.open) {
        this.fault(pos, nameEnd, `${quoted(name, '</', '>')} closes ${quoted(name, '<', '>')} while ${quoted(this.open!.name, '<', '>')} is still open`);
      }
      this.open = closed.parent;
      if (!this.open) this.afterRoot = true;
    }
    return close + 1;
  }

  private startTag(pos: number): number {
    if (!this.open && this.afterRoot) {
      this.fault(pos, this.nameEnd(pos + 1), 'a document has exactly one root element; this one comes after it');
    }
    if (this.open?.name === KEY_PARENT) return this.keyElement(pos);
    const tag = this.readStartTag(pos);
    if (!tag) return this.resync(pos + 1);
    if (!tag.selfClosing) this.open = { name: detach(tag.element.name), parent: this.open, depth: (this.open?.depth ?? 0) + 1 };
    else if (!this.open) this.afterRoot = true;
    return tag.end;
  }

  /** A metabase key: the whole element, its `<Custom>` children included, is one segment. */
  private keyElement(pos: number): number {
    this.keyName = this.text.slice(pos + 1, this.nameEnd(pos + 1));
    const tag = this.readStartTag(pos, (element) => { this.partial = element; });
    if (!tag) return this.resync(pos + 1);
    const key = tag.element;
    this.key = key;
    if (tag.selfClosing) return (key.end = tag.end);
    // Elements open inside the key, each with the element that will receive its children.
    const open: Element[] = [key];
    let i = tag.end;
    for (;;) {
      let lt = this.find('<', i);
      if (lt < 0) lt = this.text.length;
      if (!this.checkCharacterData(i, lt)) return this.resync(i);
      if (lt >= this.text.length) {
        this.fault(key.start, key.nameEnd, `the element ${quoted(key.name, '<', '>')} is not closed: ${quoted(key.name, '</', '>')} is missing`);
        return this.text.length;
      }
      const next = this.code(lt + 1);
      if (next === SLASH) {
        const nameEnd = this.nameEnd(lt + 2);
        const name = this.text.slice(lt + 2, nameEnd);
        const close = this.skipWs(nameEnd);
        const current = open[open.length - 1];
        if (name !== current.name || this.code(close) !== GT) {
          this.fault(lt, Math.max(nameEnd, lt + 2), name !== current.name
            ? `expected ${quoted(current.name, '</', '>')} here, found ${quoted(name, '</', '>')}`
            : `the end tag ${quoted(name, '</', '>')} is not closed with '>'`);
          return this.resync(lt + 1);
        }
        current.end = close + 1;
        open.pop();
        if (open.length === 0) return close + 1;
        i = close + 1;
      } else if (next === BANG && this.startsWith('<!--', lt)) {
        i = this.comment(lt);
      } else if (next === BANG && this.startsWith('<![CDATA[', lt)) {
        i = this.cdata(lt);
      } else if (next === QUESTION) {
        i = this.processingInstruction(lt);
      } else if (isNameStart(next)) {
        if (open.length === 1 && this.startsLine(lt) && this.text.slice(lt + 1, this.nameEnd(lt + 1)) !== 'Custom') {
          // IIS indents a key's children and starts every key at column 0: this is the next key.
          this.fault(key.start, key.nameEnd, `the element ${quoted(key.name, '<', '>')} is not closed: ${quoted(key.name, '</', '>')} is missing before the next key`);
          return lt;
        }
        const child = this.readStartTag(lt);
        if (!child) return this.resync(lt + 1);
        if (open.length === 1) key.children.push(child.element);
        if (!child.selfClosing) open.push(child.element);
        i = child.end;
      } else {
        this.fault(lt, lt + 1, "'<' must start a tag; write '&lt;' for a literal '<'");
        return this.resync(lt + 1);
      }
      if (this.faults.length) return this.resync(i);
    }
  }

  /**
   * After a fault: the segment ends at the next tag that starts a line (IIS starts every key and every end
   * of a key at column 0), or just past it when that tag closes the broken key.
   */
  private resync(from: number): number {
    for (let i = from; ; ) {
      const nl = this.nextLineBreak(i);
      if (nl < 0) return this.text.length;
      const lineStart = nl + 1;
      if (this.code(lineStart) === LT) {
        const c = this.code(lineStart + 1);
        if (c === SLASH && this.keyName && this.startsWith(`</${this.keyName}>`, lineStart)) {
          return lineStart + this.keyName.length + 3;
        }
        if (c === SLASH || isNameStart(c)) return lineStart;
      }
      i = lineStart;
    }
  }

  private startsLine(pos: number): boolean {
    const c = this.text.charCodeAt(pos - 1);
    return c === LF || c === CR;
  }

  private nextLineBreak(from: number): number {
    for (let i = from; i < this.text.length; i++) {
      const c = this.code(i);
      if (c === LF || c === CR) return i;
    }
    return -1;
  }

  /**
   * Reads `<name attr="value" ...>` or `.../>`; undefined after a fault that leaves the tag unreadable, and
   * then `broken` gets the element as far as it was read (its name and the attributes before the fault).
   */
  private readStartTag(pos: number, broken?: (element: Element) => void): { element: Element; end: number; selfClosing: boolean } | undefined {
    const nameEnd = this.nameEnd(pos + 1);
    const name = this.text.slice(pos + 1, nameEnd);
    const element: Element = { name, start: pos, nameEnd, attributes: [], children: [], end: -1 };
    const tag = this.readAttributes(element);
    if (!tag) broken?.(element);
    return tag;
  }

  private readAttributes(element: Element): { element: Element; end: number; selfClosing: boolean } | undefined {
    const { start: pos, nameEnd, name } = element;
    let i = nameEnd;
    for (;;) {
      const j = this.skipWs(i);
      if (j >= this.text.length) {
        this.fault(pos, nameEnd, `the start tag ${quoted(name, '<', '>')} is not closed with '>'`);
        return undefined;
      }
      const c = this.code(j);
      if (c === GT) return { element, end: (element.end = j + 1), selfClosing: false };
      if (c === SLASH && this.code(j + 1) === GT) return { element, end: (element.end = j + 2), selfClosing: true };
      if (!isNameStart(c)) {
        this.fault(j, j + 1, c === LT
          ? `the start tag ${quoted(name, '<', '>')} is not closed with '>' before this '<'`
          : `${quoted(String.fromCodePoint(this.text.codePointAt(j)!))} is not allowed here in the start tag ${quoted(name, '<', '>')}`);
        return undefined;
      }
      if (j === i) {
        this.fault(j, j + 1, 'attributes must be separated by white space');
        return undefined;
      }
      const attribute = this.readAttribute(j, name);
      if (!attribute) return undefined;
      if (this.isRepeated(element.attributes, attribute.name)) {
        this.fault(attribute.nameStart, attribute.nameEnd, `the attribute ${quoted(attribute.name)} appears twice in ${quoted(name, '<', '>')}`);
      }
      element.attributes.push(attribute);
      i = attribute.valueEnd + 1;
    }
  }

  private names?: { of: Attribute[]; set: Set<string> };

  /** Whether a tag already has an attribute of this name; a set takes over for tags with many attributes. */
  private isRepeated(attributes: Attribute[], name: string): boolean {
    if (attributes.length < 16) return attributes.some((a) => a.name === name);
    if (this.names?.of !== attributes) this.names = { of: attributes, set: new Set(attributes.map((a) => a.name)) };
    const repeated = this.names.set.has(name);
    this.names.set.add(name);
    return repeated;
  }

  private readAttribute(pos: number, tagName: string): Attribute | undefined {
    const nameEnd = this.nameEnd(pos);
    const name = this.text.slice(pos, nameEnd);
    const eq = this.skipWs(nameEnd);
    if (this.code(eq) !== 0x3d) {
      this.fault(pos, nameEnd, `the attribute ${quoted(name)} has no value: write ${quoted(name, '', '="..."')}`);
      return undefined;
    }
    const q = this.skipWs(eq + 1);
    const quote = this.code(q);
    if (quote !== 0x22 && quote !== 0x27) {
      this.fault(q < this.text.length ? q : eq, q + 1, `the value of ${quoted(name)} must be in quotes`);
      return undefined;
    }
    // One native pass over the value finds its closing quote when it holds nothing to check (most do);
    // else the quote is searched for and the value checked from the first such character.
    const plain = quote === 0x22 ? PLAIN_IN_DOUBLE : PLAIN_IN_SINGLE;
    plain.lastIndex = q + 1;
    plain.test(this.text);
    const stop = plain.lastIndex;
    const close = this.code(stop) === quote ? stop : this.find(quote === 0x22 ? '"' : "'", stop);
    if (close < 0) {
      this.fault(q, q + 1, `the value of ${quoted(name)} is not closed: its closing quote is missing`);
      return undefined;
    }
    const fault = close === stop ? undefined : checkAttributeText(this.text, stop, close);
    const after = this.code(close + 1);
    const runOn = (fault !== undefined && this.text.charCodeAt(fault.start) === LT) ||
      !(isWhitespace(after) || after === GT || after === SLASH);
    if (runOn && this.swallowsMarkup(q + 1, close)) {
      this.fault(q, q + 1, `the value of ${quoted(name)} in ${quoted(tagName, '<', '>')} has no closing quote: it runs on into the lines that follow`);
      return undefined;
    }
    if (fault) {
      this.fault(fault.start, fault.end, fault.message);
      return undefined;
    }
    return { name, nameStart: pos, nameEnd, valueStart: q + 1, valueEnd: close, quote: String.fromCharCode(quote) as Quote };
  }

  /** Whether a value holds a line that looks like markup or the next attribute: the sign of a missing quote. */
  private swallowsMarkup(start: number, end: number): boolean {
    const value = this.text.slice(start, end);
    return /[\r\n][ \t]*(<|[A-Za-z_:][\w.:-]*[ \t]*=[ \t]*$)/.test(value);
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
