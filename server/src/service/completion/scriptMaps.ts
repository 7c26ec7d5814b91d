// Inside a ScriptMaps value: a new item's skeleton on a blank line, the flags IIS writes (with their
// meaning), the usual verbs of the extension that the item does not list yet, and the processors that
// other items of the file (within half a megabyte) map the same extension to. Everything is written raw into the attribute:
// `"` as `&quot;` in a double-quoted value.

import { CompletionItemKind } from 'vscode-languageserver-types';
import { MultiszItem, splitMultisz } from '../model/multisz';
import { Field, Processor, parseScriptMapItem } from '../model/scriptMap';
import { usualVerbs } from '../rules/scriptmaps/methods';
import { DecodedText } from '../xml/entities';
import { Choice, attributeText, snippetText } from './edit';
import { LexAttribute } from './place';
import { Choices } from './values';

const FLAGS: Array<[string, string]> = [
  ['1', 'script (MD_SCRIPTMAPFLAG_SCRIPT): runs in folders with Script permission, not only Execute'],
  ['4', 'check that the file exists (MD_SCRIPTMAPFLAG_CHECK_PATH_INFO): a missing file answers 404'],
  ['5', 'both: script, and check that the file exists (what IIS writes for .asp)'],
  ['0', 'neither: runs only in folders with Execute permission, and gets requests for files that do not exist'],
];

export function scriptMapChoices(text: string, value: LexAttribute, offset: number): Choices | undefined {
  const line = splitMultisz(text, value.valueStart, value.valueEnd).find((l) => l.lineStart <= offset && offset <= l.end);
  if (!line || offset < line.start) return undefined;
  const quote = value.quote!;
  if (line.value.text.trim() === '') return { start: line.start, end: line.end, choices: skeletons(quote) };
  const item = parseScriptMapItem(line);
  let k = 0;
  while (k < line.value.text.length && line.value.raw(k) < offset) k++;
  const raw = (f: Field) => ({ start: line.value.raw(f.start), end: line.value.raw(f.end) });
  const inField = (f: Field | undefined): boolean => f !== undefined && f.start <= k && k <= f.end;
  if (inField(item.extension)) return undefined;
  if (item.processor && inField(item.processor.field)) {
    const extension = text.slice(raw(item.extension).start, raw(item.extension).end);
    return { ...raw(item.processor.field), choices: processorsFor(text, extension, line, quote) };
  }
  if (item.flags && inField(item.flags)) {
    return { ...raw(item.flags), choices: FLAGS.map(([flags, meaning], rank) => ({ label: flags, kind: CompletionItemKind.EnumMember, newText: flags, detail: meaning, rank })) };
  }
  // Past the extension, the processor and the flags, the fields left are the verbs.
  const verb = [...item.verbs].find(inField)!;
  const listed = new Set([...item.verbs].filter((v) => v.start !== verb.start).map((v) => v.text.trim()));
  const usual = usualVerbs(item.extension.text).split(',');
  const missing = usual.filter((v) => !listed.has(v));
  const choices: Choice[] = missing.map((v, rank) => ({ label: v, kind: CompletionItemKind.Keyword, newText: v, detail: `usual for ${item.extension.text.trim()}`, rank: rank + 1 }));
  // Nothing listed yet: the whole usual list first.
  if (listed.size === 0 && usual.length > 1) choices.unshift({ label: usual.join(','), kind: CompletionItemKind.Keyword, newText: usual.join(','), detail: `the verbs IIS writes for ${item.extension.text.trim()}`, rank: 0 });
  return { ...raw(verb), choices };
}

function skeletons(quote: '"' | "'"): Choice[] {
  const raw = (s: string) => snippetText(attributeText(s, quote));
  const flags = '${3|5,1,4,0|}';
  return [
    {
      label: 'ISAPI extension item', kind: CompletionItemKind.Snippet, snippet: true, rank: 0, detail: '.ext,C:\\path\\x.dll,5,GET,HEAD,POST',
      newText: `.\${1:ext},\${2:${raw('C:\\WINDOWS\\system32\\inetsrv\\x.dll')}},${flags},\${4:GET,HEAD,POST}`,
    },
    {
      label: 'CGI program item', kind: CompletionItemKind.Snippet, snippet: true, rank: 1, detail: '.ext,"C:\\path\\x.exe" "%s" %s,5,GET,HEAD,POST',
      newText: `.\${1:ext},${raw('"')}\${2:${raw('C:\\path\\x.exe')}}${raw('" "%s" %s')},${flags},\${4:GET,HEAD,POST}`,
    },
  ];
}

/**
 * How far from the item the file is searched, each way: a whole 45 MB file takes longer than a completion
 * may (the nearest lists are the same site's, the likeliest to share processors; 2 MB each way took 200 ms).
 */
const REACH = 250_000;

/** The processors that other items of the file give `extension` (raw, as written), most used first. */
function processorsFor(text: string, extension: string, current: MultiszItem, quote: '"' | "'"): Choice[] {
  const trimmed = extension.trim();
  if (trimmed === '' || trimmed.includes('\n')) return [];
  const needle = `${trimmed},`;
  const counts = new Map<string, { processor: string; count: number }>();
  const from = Math.max(0, current.start - REACH);
  const to = Math.min(text.length, current.start + REACH);
  const region = text.slice(from, to);
  for (let i = region.indexOf(needle); i >= 0; i = region.indexOf(needle, i + needle.length)) {
    const at = from + i;
    if (at === current.start || !startsItem(text, at)) continue;
    const end = itemEnd(text, at, listQuote(text, at));
    const decoded = DecodedText.decode(text, at, end);
    const parsed = parseScriptMapItem({ value: decoded, index: 0, lineStart: at, start: at, end }).processor;
    if (!parsed) continue;
    const processor = quotedExe(decoded.text, parsed).trim();
    if (!processor) continue;
    const key = processor.toLowerCase();
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { processor, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).map(({ processor, count }, rank) => ({
    label: processor, kind: CompletionItemKind.File, newText: attributeText(processor, quote), rank,
    detail: `${trimmed} is mapped to it ${count === 1 ? 'once' : `${count} times`} in this file`,
  }));
}

/**
 * The processor field, a CGI path with spaces put in quotes (unquoted-exe-path is an error: IIS cannot
 * tell the program from its arguments), so that completion never offers what the rules flag.
 */
function quotedExe(item: string, processor: Processor): string {
  const { field, path } = processor;
  if (processor.quoted || processor.kind !== 'exe' || !/\s/.test(path.text)) return field.text;
  return `${item.slice(field.start, path.start)}"${path.text}"${item.slice(path.end, field.end)}`;
}

/** Whether `at` starts a MULTISZ item: after the opening quote or a line break (and indentation). */
function startsItem(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const c = text[i];
  return c === '\n' || c === '\r' || ((c === '"' || c === "'") && text[i - 1] === '=') || (c === ';' && /&#(?:1[03]|x[aAdD]);$/.test(text.slice(i - 5, i + 1)));
}

/**
 * The quote of the list that holds the item at `at`: the nearer `="` or `='` before it. The search for the
 * other one stops at the first found (a file without `='` is searched back to its start once per match
 * otherwise: ten seconds for one completion on 45 MB).
 */
function listQuote(text: string, at: number): '"' | "'" {
  const double = text.lastIndexOf('="', at);
  return text.slice(Math.max(0, double), at + 2).lastIndexOf("='") < 0 ? '"' : "'";
}

// Only the list's own quote ends it: a single-quoted list writes `"%s"` raw.
const ITEM_END = { '"': /[\r\n"<]|&#(?:1[03]|x[aAdD]);|$/g, "'": /[\r\n'<]|&#(?:1[03]|x[aAdD]);|$/g };

function itemEnd(text: string, at: number, quote: '"' | "'"): number {
  const end = ITEM_END[quote];
  end.lastIndex = at;
  return end.exec(text)!.index;
}
