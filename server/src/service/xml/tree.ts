// The shapes the scanner produces. Offsets are UTF-16 offsets into the document text.

export type Quote = '"' | "'";

export interface Attribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The raw value lies in [valueStart, valueEnd), between the quotes. */
  valueStart: number;
  valueEnd: number;
  quote: Quote;
}

export interface Element {
  name: string;
  /** Offset of the `<`. */
  start: number;
  nameEnd: number;
  attributes: Attribute[];
  /** Child elements (kept for metabase keys: their `<Custom>` properties). */
  children: Element[];
  /** Offset just past the end tag (or past `/>`). */
  end: number;
}

export type XmlRule = 'xml-not-well-formed' | 'xml-doctype';

export interface XmlFault {
  rule: XmlRule;
  start: number;
  end: number;
  message: string;
}

/**
 * An element open at some point, innermost first. A persistent list: a start tag adds one node and
 * shares the rest, so that 10,000 nested elements cost 10,000 nodes, not 10,000 copies of a stack.
 */
export interface OpenElement {
  readonly name: string;
  readonly parent: OpenElement | undefined;
  readonly depth: number;
}

/** Where the scanner stands between two segments: what is open, and whether the root element has ended. */
export interface ScanState {
  readonly open: OpenElement | undefined;
  readonly afterRoot: boolean;
}

export const INITIAL_STATE: ScanState = { open: undefined, afterRoot: false };

export function sameState(a: ScanState, b: ScanState): boolean {
  if (a.afterRoot !== b.afterRoot) return false;
  let x = a.open;
  let y = b.open;
  while (x !== y) {
    if (!x || !y || x.depth !== y.depth || x.name !== y.name) return false;
    x = x.parent;
    y = y.parent;
  }
  return true;
}

/**
 * A piece of the document the scanner reads in one go: one metabase key element, or one piece of the
 * markup around the keys (with the white space after it). Segments tile the document.
 */
export interface Segment {
  start: number;
  end: number;
  /** One past the furthest character the scanner looked at to read this segment (>= end). */
  reach: number;
  before: ScanState;
  after: ScanState;
  /** The metabase key, when this segment is one (an element directly under `<MBProperty>`). */
  key?: Element;
  /** A key whose start tag is broken: its name and the attributes read before the fault (end is -1). */
  partial?: Element;
  faults: XmlFault[];
}
