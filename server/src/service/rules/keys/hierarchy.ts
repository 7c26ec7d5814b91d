// The document pass: each key against the others, by Location. A key type whose Location has the wrong
// shape, a key that its parent's ContainerClassList does not allow, and the same Location twice.
//
// IIS's own files win over the schema: its ContainerClassList is incomplete (IIS writes IIsLogModules
// under IIsComputer and IIsCustomLogModule under IIsCustomLogModule), and untyped keys (IIsConfigObject)
// sit anywhere. The IIS-written MetaBase.xml must give nothing here.

import { KeyInContext } from '../../model/document';
import { TextRanges, locationPath } from '../../model/summary';
import { clip, quoted } from '../../quote';
import { SchemaFacts, UNTYPED_KEY } from '../../schema';
import { Finding } from '../finding';

const SITE = String.raw`/LM/W3SVC/(?:[1-9]\d*|Info/Templates/[^/]+)`;
const FTP_SITE = String.raw`/LM/MSFTPSVC/(?:[1-9]\d*|Info/Templates/[^/]+)`;

interface Shape {
  pattern: RegExp;
  /** Where a key of the type belongs, for the message. */
  expected: string;
}

const shape = (pattern: string, expected: string): Shape => ({ pattern: new RegExp(`^${pattern}$`, 'i'), expected });

/** Where IIS keeps the keys of each type (metabase.md, schema.md and the IIS-written MetaBase.xml); other types are not checked. */
export const SHAPES: ReadonlyMap<string, Shape> = new Map([
  ['IIsComputer', shape('/LM', '/LM')],
  ['IIsWebService', shape('/LM/W3SVC', '/LM/W3SVC')],
  ['IIsWebInfo', shape('/LM/W3SVC/Info', '/LM/W3SVC/Info')],
  ['IIsWebServer', shape(SITE, 'a site, /LM/W3SVC/<number>, or a template under /LM/W3SVC/Info/Templates')],
  ['IIsWebVirtualDir', shape(`${SITE}/ROOT(?:/[^/]+)*`, "a site's ROOT (/LM/W3SVC/<number>/ROOT) or a virtual directory below it")],
  ['IIsWebDirectory', shape(`${SITE}/ROOT(?:/[^/]+)+`, "a path below a site's ROOT (/LM/W3SVC/<number>/ROOT/...)")],
  ['IIsWebFile', shape(`${SITE}/ROOT(?:/[^/]+)+`, "a path below a site's ROOT (/LM/W3SVC/<number>/ROOT/...)")],
  ['IIsFilters', shape(String.raw`/LM/W3SVC(?:/[1-9]\d*)?/Filters`, '/LM/W3SVC/Filters or /LM/W3SVC/<number>/Filters')],
  ['IIsApplicationPools', shape('/LM/W3SVC/AppPools', '/LM/W3SVC/AppPools')],
  ['IIsApplicationPool', shape('/LM/W3SVC/AppPools/[^/]+', 'an application pool, /LM/W3SVC/AppPools/<name>')],
  ['IIsFtpService', shape('/LM/MSFTPSVC', '/LM/MSFTPSVC')],
  ['IIsFtpServer', shape(FTP_SITE, 'an FTP site, /LM/MSFTPSVC/<number>')],
  ['IIsFtpVirtualDir', shape(`${FTP_SITE}/ROOT(?:/[^/]+)*`, "an FTP site's ROOT (/LM/MSFTPSVC/<number>/ROOT) or a virtual directory below it")],
]);

/** Parent and child key types that IIS itself writes although the schema's ContainerClassList leaves them out. */
const IIS_WRITTEN: ReadonlyMap<string, readonly string[]> = new Map([
  ['IIsComputer', ['IIsLogModules']],
  ['IIsCustomLogModule', ['IIsCustomLogModule']],
]);

/** The ContainerClassList entry that stands for untyped keys. */
const ANY_OBJECT = 'IIsObject';

export function checkKey(
  text: TextRanges, own: KeyInContext, first: KeyInContext | undefined, parent: KeyInContext | undefined, facts: SchemaFacts,
): Finding[] {
  const findings: Finding[] = [];
  const shapeFinding = checkShape(text, own);
  if (shapeFinding) findings.push(shapeFinding);
  const child = parent && checkChild(own, parent, facts);
  if (child) findings.push(child);
  if (first) findings.push(duplicate(text, own, first));
  return findings;
}

function pathOf(text: TextRanges, k: KeyInContext): string {
  return locationPath(text, k.start, k.key)!;
}

function locationRange(k: KeyInContext): { start: number; end: number } {
  const { start, end } = k.key.location!;
  // An empty value: its two quotes.
  return start === end ? { start: k.start + start - 1, end: k.start + end + 1 } : { start: k.start + start, end: k.start + end };
}

function checkShape(text: TextRanges, own: KeyInContext): Finding | undefined {
  const type = own.key.type;
  const expected = SHAPES.get(type);
  if (!expected) return undefined;
  // The index's form of the Location (case folded, no trailing '/') is tested: the patterns ignore case.
  if (expected.pattern.test(own.key.location!.key)) return undefined;
  const path = pathOf(text, own);
  return {
    rule: 'key-location-shape', ...locationRange(own), fixes: [],
    message: `an ${type} key belongs at ${expected.expected}, not at ${quoted(path)}`,
  };
}

/**
 * The parent's ContainerClassList judges only a child one path step below it: when the keys between them
 * are missing from the file, the metabase holds those levels as untyped keys, which may contain anything.
 */
function checkChild(own: KeyInContext, parent: KeyInContext, facts: SchemaFacts): Finding | undefined {
  const type = own.key.type;
  const parentType = parent.key.type;
  if (!isDirectParent(parent.key.location!.key, own.key.location!.key)) return undefined;
  if (type === UNTYPED_KEY || !facts.keyType(type)) return undefined;
  const allowed = allowedChildren(parentType, facts);
  if (!allowed || allowed.includes(type)) return undefined;
  return {
    rule: 'key-child-not-allowed', start: own.start + own.key.start + 1, end: own.start + own.key.nameEnd, fixes: [],
    message: `the schema does not let an ${parentType} key (the parent key) contain ${type} keys; it may contain ${childrenInWords(allowed)}`,
  };
}

/**
 * The key types a key of this type may contain as key-child-not-allowed judges them: its ContainerClassList
 * and what IIS itself writes (untyped keys always). Undefined when its children are not judged: an untyped
 * key, or a class that is hidden or that the schema does not define.
 */
export function allowedChildren(type: string, facts: SchemaFacts): readonly string[] | undefined {
  const container = facts.keyType(type);
  if (!container || container.hidden) return undefined;
  const written = IIS_WRITTEN.get(type);
  return written ? [...container.children, ...written] : container.children;
}

/** Those key types in words: "IIsWebInfo, IIsWebServer and untyped keys", or "untyped keys only". */
export function childrenInWords(allowed: readonly string[]): string {
  const typed = allowed.filter((c) => c !== ANY_OBJECT);
  return typed.length ? `${typed.join(', ')} and untyped keys` : 'untyped keys only';
}

/** Whether one normalised Location is one path step above another. */
function isDirectParent(parent: string, child: string): boolean {
  const slash = child.lastIndexOf('/');
  return parent === (slash === 0 ? '/' : child.slice(0, slash));
}

function duplicate(text: TextRanges, own: KeyInContext, first: KeyInContext): Finding {
  return {
    rule: 'key-location-duplicate', ...locationRange(own), fixes: [],
    message: `another key has the Location ${quoted(pathOf(text, first))} already (Locations are compared ignoring case)`,
    related: [{ ...locationRange(first), message: `the first key at this Location, an ${clip(first.key.type)}` }],
  };
}
