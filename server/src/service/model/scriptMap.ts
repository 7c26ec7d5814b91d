// One ScriptMaps item, `Extension,ScriptProcessor,Flags[,Verb,...]`, cut into its fields. Every range
// here is a range of the item's decoded text; `item.value.raw(i)` maps it back to the document.

import { Field, MultiszItem, Span } from './multisz';

export type { Field, Span };

export type ProcessorKind = 'dll' | 'exe' | 'other';

export interface Processor {
  /** The whole processor field (path and arguments). */
  field: Field;
  /** The executable's path, without its quotes. */
  path: Field;
  quoted: boolean;
  /** A quoted path whose closing quote is missing. */
  unclosedQuote: boolean;
  kind: ProcessorKind;
  /** What follows the path (CGI arguments such as `%s %s`); empty when there are none. */
  args: Field;
}

/**
 * Comma-separated fields of an item's text, from field `from` on, read on demand: an item can hold millions
 * of fields (a run of commas), and an object for each would not fit in memory. Only the offsets are kept.
 */
export class Fields implements Iterable<Field> {
  /** `bounds[i]` is where field i starts; `bounds[i + 1] - 1` where it ends (its comma). */
  private constructor(private readonly text: string, private readonly bounds: Int32Array, private readonly from: number) {}

  static split(text: string): Fields {
    let commas = 0;
    for (let c = text.indexOf(','); c >= 0; c = text.indexOf(',', c + 1)) commas++;
    const bounds = new Int32Array(commas + 2);
    let n = 1;
    for (let c = text.indexOf(','); c >= 0; c = text.indexOf(',', c + 1)) bounds[n++] = c + 1;
    bounds[n] = text.length + 1;
    return new Fields(text, bounds, 0);
  }

  get length(): number {
    return this.bounds.length - 1 - this.from;
  }

  /** Field i (0-based from the first field of this view); undefined past the last. */
  at(i: number): Field | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const start = this.bounds[this.from + i];
    const end = this.bounds[this.from + i + 1] - 1;
    return { start, end, text: this.text.slice(start, end) };
  }

  /** The fields from field i on. */
  slice(i: number): Fields {
    return new Fields(this.text, this.bounds, Math.min(this.from + i, this.bounds.length - 1));
  }

  /** The index of the first field, from `start` on, that passes `test`; -1 when none does. */
  findIndex(test: (field: Field) => boolean, start = 0): number {
    for (let i = start; i < this.length; i++) if (test(this.at(i)!)) return i;
    return -1;
  }

  *[Symbol.iterator](): Iterator<Field> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

export interface ScriptMapItem {
  item: MultiszItem;
  /** Every comma-separated field, as IIS splits them. */
  fields: Fields;
  extension: Field;
  processor?: Processor;
  /** Set when the processor path itself holds commas, so that IIS cuts the path into several fields. */
  commaInPath?: Span;
  flags?: Field;
  verbs: Fields;
}

const PATH_END = /\.(dll|exe)(?=[\s"]|$)/i;

export function parseScriptMapItem(item: MultiszItem): ScriptMapItem {
  const text = item.value.text;
  const fields = Fields.split(text);
  const result: ScriptMapItem = { item, fields, extension: fields.at(0)!, verbs: fields.slice(fields.length) };
  if (fields.length < 2) return result;

  let last = 1; // the last field the processor spans
  const first = fields.at(1)!;
  const lead = skipSpaces(text, first.start, first.end);
  if (text[lead] === '"') {
    // A quoted path whose closing quote sits in a later field: the path holds a comma.
    const close = text.indexOf('"', lead + 1);
    if (close >= first.end) last = fields.findIndex((f) => f.start <= close && close < f.end, 2);
  } else if (!PATH_END.test(first.text) && fields.length > 2 && !/^\s*\d+\s*$/.test(fields.at(2)!.text)) {
    // An unquoted path cut by a comma: a later field, not the flags, ends like a path.
    const k = fields.findIndex((f) => PATH_END.test(f.text), 2);
    if (k > 0) last = k;
  }
  const end = fields.at(last)!.end;
  const processorField: Field = last > 1 ? { start: first.start, end, text: text.slice(first.start, end) } : first;
  result.processor = parseProcessor(text, processorField);
  if (last > 1) result.commaInPath = { start: result.processor.path.start, end: result.processor.path.end };
  result.flags = fields.at(last + 1);
  result.verbs = fields.slice(last + 2);
  return result;
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function slice(text: string, start: number, end: number): Field {
  return { start, end, text: text.slice(start, end) };
}

function parseProcessor(text: string, field: Field): Processor {
  const lead = skipSpaces(text, field.start, field.end);
  let path: Field;
  let after: number;
  let quoted = false;
  let unclosedQuote = false;
  if (text[lead] === '"') {
    quoted = true;
    const close = text.indexOf('"', lead + 1);
    const pathEnd = close < 0 || close >= field.end ? field.end : close;
    path = slice(text, lead + 1, pathEnd);
    // `"C:\x.exe "%s"`: the program name ends inside the quotes and arguments follow, so the quote
    // that should close the path is missing and the next one opens the arguments.
    unclosedQuote = pathEnd === field.end || /\.(dll|exe)\s/i.test(path.text);
    after = pathEnd === field.end ? field.end : close + 1;
  } else {
    const match = PATH_END.exec(field.text.slice(lead - field.start));
    let pathEnd = match ? lead + match.index + match[0].length : lead;
    if (!match) while (pathEnd < field.end && text[pathEnd] !== ' ' && text[pathEnd] !== '\t') pathEnd++;
    path = slice(text, lead, pathEnd);
    after = pathEnd;
  }
  const argsStart = skipSpaces(text, after, field.end);
  const lower = path.text.toLowerCase();
  const kind: ProcessorKind = lower.endsWith('.dll') ? 'dll' : lower.endsWith('.exe') ? 'exe' : 'other';
  return { field, path, quoted, unclosedQuote, kind, args: slice(text, argsStart, field.end) };
}
