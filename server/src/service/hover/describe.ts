// The Markdown of each hover.

import { MetabaseKey, SCRIPT_MAPS } from '../model/key';
import { ScriptMapItem } from '../model/scriptMap';
import { SchemaFacts, UNTYPED_KEY } from '../schema';
import { FLAG_BITS, parseFlags, unknownBits } from '../rules/scriptmaps/flags';
import { KNOWN_METHODS } from '../rules/scriptmaps/methods';
import { listed } from '../rules/listed';
import { clip, quoted } from '../quote';

export function describeProperty(key: MetabaseKey, facts: SchemaFacts): string {
  const here = key.type === UNTYPED_KEY || facts.allows(key.type, SCRIPT_MAPS)
    ? `Set here on ${clip(key.type)} ${code(key.location ?? '?')}: it replaces, whole, the list inherited from the keys above, and keys below that do not set their own inherit it.`
    : `**${clip(key.type)} keys cannot carry it**: IIS ignores it here.`;
  return [
    '**ScriptMaps** (MD_SCRIPT_MAPS, ID 6014): MULTISZ, inheritable, user type IIS_MD_UT_FILE, default empty.',
    'Maps file extensions to the ISAPI extension (.dll) or CGI program (.exe) that handles them.',
    'May be set on IIsWebService (`/LM/W3SVC`), IIsWebServer, IIsWebVirtualDir, IIsWebDirectory, IIsWebFile and untyped keys.',
    here,
    'One item per line: `Extension,ScriptProcessor,Flags[,IncludedVerbs]`, e.g. `.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE`.',
  ].join('\n\n');
}

export function describeItem(item: ScriptMapItem): string {
  const processor = item.processor;
  const kind = processor?.kind === 'dll' ? 'ISAPI extension' : processor?.kind === 'exe' ? 'CGI program' : 'script processor';
  const rows: Array<[string, string]> = [
    ['Extension', item.extension.text === '*' ? '`*` (wildcard: every request)' : code(item.extension.text)],
    ['Processor', processor ? `${code(processor.path.text)} (${kind})` : '(missing)'],
  ];
  if (processor?.args.text) rows.push(['Arguments', code(processor.args.text)]);
  rows.push(['Flags', item.flags ? flagSummary(item.flags.text) : '(missing)']);
  rows.push(['Verbs', item.verbs.length ? listed([...item.verbs].map((v) => code(v.text))) : 'all verbs (none listed)']);
  return ['**Script map**', '', '| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
}

export function describeFlags(text: string): string {
  const flags = parseFlags(text);
  const after = ['', 'Without bit 1 the processor runs only in folders with Execute permission.'];
  if (flags === undefined) {
    // No number, so no bit is set or clear: name the bits without ticks. That the text is not a number is
    // the flags-not-a-number diagnostic's to say, once.
    const bits = FLAG_BITS.map(({ bit, name, meaning }) => `- **${bit}** \`${name}\`: ${meaning}`);
    return [`**Flags** ${code(text)}: IIS expects a decimal number made of these bits`, '', ...bits, ...after].join('\n');
  }
  const bits = FLAG_BITS.map(({ bit, name, meaning }) => `- ${flags & bit ? '☑' : '☐'} **${bit}** \`${name}\`: ${meaning}`);
  const unknown = unknownBits(flags).map((b) => `- ⚠ **${b}**: not documented`);
  return [`**Flags** ${flagSummary(text)}`, '', ...bits, ...unknown, ...after].join('\n');
}

function flagSummary(text: string): string {
  const flags = parseFlags(text);
  if (flags === undefined) return `${code(text)} (not a number)`;
  const names = FLAG_BITS.filter(({ bit }) => flags & bit).map(({ name, bit }) => `${name} (${bit})`);
  const unknown = unknownBits(flags).map((b) => `unknown bit ${b}`);
  const all = [...names, ...unknown];
  return `${flags}${all.length ? ` = ${all.join(' + ')}` : ' (execute permission only, no path check)'}`;
}

export function describeVerbs(item: ScriptMapItem): string {
  const verbs = [...item.verbs].map((v) => v.text.trim()).filter((v) => v !== '');
  const known = verbs.filter((v) => KNOWN_METHODS.has(v));
  const other = verbs.filter((v) => !KNOWN_METHODS.has(v));
  return [
    `**Included verbs**: ${item.extension.text} requests with ${known.length ? listed(known) : 'no known method'} go to the processor; requests with other verbs do not.`,
    other.length ? `Not known HTTP methods here: ${listed(other.map(code))} (methods are case-sensitive).` : '',
    'An item that lists no verbs hands every verb to the processor (IIS 5 and later).',
  ].filter((s) => s !== '').join('\n\n');
}

/** Text of the file in a code span, cut short as messages quote it (a hover on a huge field stays small). */
export function code(s: string): string {
  return s === '' ? '(empty)' : quoted(s.replace(/`/g, "'"), '`');
}
