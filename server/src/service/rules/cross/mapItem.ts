// A script map as the checks across keys read it, made from the item the ScriptMaps rules parsed (they read
// every list once, and hand their items over: see ScriptMapsCheck). What an item's text alone decides is
// a shape, shared by every item of that text (IIS Manager writes the same items on every application);
// an item is its shape placed in its list.

import { detach, interner } from '../../model/detach';
import { MultiszItem, isBlank, splitMultisz } from '../../model/multisz';
import { ScriptMapItem, parseScriptMapItem } from '../../model/scriptMap';
import { dwordOf } from '../properties/dword';

/** What an item's text decides; offsets relative to the item's raw start. */
export interface MapShape {
  extension: string;
  /** The extension as IIS compares it: lower case. */
  extensionKey: string;
  wildcard: boolean;
  /** The processor's path without quotes, and the whole processor field (path and arguments), trimmed. */
  path: string;
  field: string;
  /** The program as the restriction list names it (see program). */
  program: string;
  kind: 'dll' | 'exe' | 'other';
  /** Undefined when the flags are not a number (another rule reports that). */
  flags: number | undefined;
  extensionStart: number;
  extensionEnd: number;
  pathStart: number;
  pathEnd: number;
  flagsStart: number;
  flagsEnd: number;
}

/** A script map of a list: its shape, and its raw range relative to the start of the list's value. */
export class MapItem {
  constructor(
    private readonly shape: MapShape,
    /** The item's raw range. */
    readonly start: number,
    readonly end: number,
    /** After a blank item, which ends a MULTISZ list: IIS may ignore it. */
    readonly afterBlank: boolean,
  ) {}

  get extension(): string { return this.shape.extension; }
  get extensionKey(): string { return this.shape.extensionKey; }
  get wildcard(): boolean { return this.shape.wildcard; }
  get path(): string { return this.shape.path; }
  get field(): string { return this.shape.field; }
  get program(): string { return this.shape.program; }
  get kind(): MapShape['kind'] { return this.shape.kind; }
  get flags(): number | undefined { return this.shape.flags; }
  get extensionStart(): number { return this.start + this.shape.extensionStart; }
  get extensionEnd(): number { return this.start + this.shape.extensionEnd; }
  get pathStart(): number { return this.start + this.shape.pathStart; }
  get pathEnd(): number { return this.start + this.shape.pathEnd; }
  get flagsStart(): number { return this.start + this.shape.flagsStart; }
  get flagsEnd(): number { return this.start + this.shape.flagsEnd; }
}

/**
 * The items of a list from its lines and the items parsed from those that are not blank (in order), with
 * offsets relative to `base`, the raw start of the value.
 */
export function mapItemsOf(lines: readonly MultiszItem[], parsed: readonly ScriptMapItem[], base: number): MapItem[] {
  let blank = -1;
  for (let i = 0; i < lines.length && blank < 0; i++) if (isBlank(lines[i])) blank = lines[i].index;
  // A loop, not map(): a list can hold 100,000 items.
  const items: MapItem[] = new Array<MapItem>(parsed.length);
  for (let i = 0; i < parsed.length; i++) {
    const line = parsed[i].item;
    items[i] = new MapItem(shapeOf(parsed[i]), line.start - base, line.end - base, blank >= 0 && line.index > blank);
  }
  return items;
}

/** The items of the raw value [start, end) of `text`, read here (a value its rules did not hand over). */
export function readMapItems(text: string, start: number, end: number): MapItem[] {
  const lines = splitMultisz(text, start, end);
  return mapItemsOf(lines, lines.filter((line) => !isBlank(line)).map(parseScriptMapItem), start);
}

/**
 * The shapes of the items that share their fields: an item found in the rules' memo is a copy of the one
 * parsed first, fields and all (see ScriptMapsValue.readItem), so its shape is made once. `memoised`: the
 * item may be such a copy (a plain item usually is; the memo's own entries are).
 */
const shapes = new WeakMap<object, MapShape>();

export function shapeOf(item: ScriptMapItem, memoised = item.item.value.isPlain): MapShape {
  let shape = memoised ? shapes.get(item.fields) : undefined;
  if (!shape) {
    shape = readShape(item);
    if (memoised) shapes.set(item.fields, shape);
  }
  return shape;
}

function readShape(item: ScriptMapItem): MapShape {
  const line = item.item;
  const raw = (i: number) => line.value.raw(i) - line.start;
  const extension = item.extension.text.trim();
  const processor = item.processor;
  // An item without a processor or flags (another rule reports it) still counts in what a list drops and adds.
  const end = raw(processor ? processor.field.end : item.extension.end);
  return {
    extension: keep(extension), extensionKey: keep(extension.toLowerCase()), wildcard: extension === '*', path: keep(processor?.path.text.trim() ?? ''), field: keep(processor?.field.text.trim() ?? ''),
    program: keep(program(processor?.path.text ?? '')),
    kind: processor?.kind ?? 'other', flags: item.flags && dwordOf(item.flags.text.trim()),
    extensionStart: raw(item.extension.start), extensionEnd: raw(item.extension.end),
    pathStart: processor ? raw(processor.path.start) : end, pathEnd: processor ? raw(processor.path.end) : end,
    flagsStart: item.flags ? raw(item.flags.start) : end, flagsEnd: item.flags ? raw(item.flags.end) : end,
  };
}

/**
 * Facts live as long as their key: a string cut from the document would keep that version of it alive (see
 * detach). Short strings repeat from key to key (extensions, processors, pool names) and are kept once.
 */
export const MAX_KEPT = 65536;
const keepShort = interner(MAX_KEPT);

export function keep(s: string): string {
  return s.length > 256 ? detach(s) : keepShort(s);
}

/** A program as the restriction list and a script map name it: the path without quotes or arguments, lower case. */
export function program(path: string): string {
  const unquoted = path.trim().replace(/^"([^"]*)"?.*$/, '$1');
  const end = /\.(dll|exe)(?=[\s"]|$)/i.exec(unquoted);
  return (end ? unquoted.slice(0, end.index + end[0].length) : unquoted).trim().toLowerCase();
}

/** A ScriptMaps value of a key as its rules read it: where the value starts in the key's segment, and its items. */
export interface ScriptMapsReading {
  valueStart: number;
  items: readonly MapItem[];
}
