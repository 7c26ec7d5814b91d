// One ScriptMaps item, `Extension,ScriptProcessor,Flags[,Verb,...]`, cut into its fields. Every range
// here is a range of the item's decoded text; `item.value.raw(i)` maps it back to the document.

import { Field, MultiszItem, Span, splitFields } from './multisz';

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

export interface ScriptMapItem {
  item: MultiszItem;
  /** Every comma-separated field, as IIS splits them. */
  fields: Field[];
  extension: Field;
  processor?: Processor;
  /** Set when the processor path itself holds commas, so that IIS cuts the path into several fields. */
  commaInPath?: Span;
  flags?: Field;
  verbs: Field[];
}

const PATH_END = /\.(dll|exe)(?=[\s"]|$)/i;

export function parseScriptMapItem(item: MultiszItem): ScriptMapItem {
  const text = item.value.text;
  const fields = splitFields(text, ',');
  const result: ScriptMapItem = { item, fields, extension: fields[0], verbs: [] };
  if (fields.length < 2) return result;

  let last = 1; // the last field the processor spans
  const first = fields[1];
  const lead = skipSpaces(text, first.start, first.end);
  if (text[lead] === '"') {
    // A quoted path whose closing quote sits in a later field: the path holds a comma.
    const close = text.indexOf('"', lead + 1);
    if (close >= first.end) last = fields.findIndex((f) => f.start <= close && close < f.end);
  } else if (!PATH_END.test(first.text) && fields.length > 2 && !/^\s*\d+\s*$/.test(fields[2].text)) {
    // An unquoted path cut by a comma: a later field, not the flags, ends like a path.
    const k = fields.findIndex((f, i) => i >= 2 && PATH_END.test(f.text));
    if (k > 0) last = k;
  }
  const processorField: Field = last > 1 ? { start: first.start, end: fields[last].end, text: text.slice(first.start, fields[last].end) } : first;
  result.processor = parseProcessor(text, processorField);
  if (last > 1) result.commaInPath = { start: result.processor.path.start, end: result.processor.path.end };
  result.flags = fields[last + 1];
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
