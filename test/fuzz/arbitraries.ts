// fast-check arbitraries for random metabases: keys of every kind with a Location, ScriptMaps values built
// from valid and invalid field values (as an attribute or a <Custom ID="6014"> child), entities, both quote
// styles, CRLF/LF/CR line endings and TAB indentation. Most documents are well-formed, so that the fix
// properties have something to work on; a few carry a deliberate XML fault (bare '&', raw quote).

import fc from 'fast-check';

export type Eol = '\r\n' | '\n' | '\r';

export const KEY_TYPES = [
  'IIsWebService', 'IIsWebServer', 'IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile', 'IIsConfigObject',
  'IIsFilter', 'IIsFilters', 'IIsFtpServer', 'IIsComputer', 'IIsApplicationPool', 'IIS_Global', 'IIsMimeMap',
] as const;

export const LOCATIONS = [
  '.', '/LM', '/LM/W3SVC', '/LM/W3SVC/1', '/LM/W3SVC/1/ROOT', '/LM/W3SVC/1/ROOT/app', '/LM/W3SVC/1/ROOT/app/sub',
  '/LM/W3SVC/2/ROOT', '/LM/W3SVC/1/ROOT/a b', '/LM/W3SVC/Filters', '/LM/MSFTPSVC/1', '',
];

// ---- the fields of a ScriptMaps item (decoded text: what IIS reads after entity decoding) ----

export const extensionArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('.asp', '.aspx', '.cer', '.idc', '.shtml', '.pl', '.php', '.htw', '.cgi') },
  { weight: 1, arbitrary: fc.constantFrom('asp', '.*', '*', '. asp', '', ' ', '.ASP', '.as p', '.a,b', 'php ') },
  { weight: 1, arbitrary: fc.stringMatching(/^\.?[a-z0-9_]{0,6}$/) },
);

const dllPaths = [
  'C:\\WINDOWS\\system32\\inetsrv\\asp.dll', 'C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll',
  'C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll', 'c:\\program files\\exchsrvr\\bin\\msimsrv.dll',
  '%windir%\\system32\\inetsrv\\asp.dll', 'asp.dll', 'inetsrv\\asp.dll', '\\\\server\\share\\x.dll', 'C:/php/php5isapi.dll',
  'C:\\PROGRA~1\\PHP\\php5isapi.dll',
];
const exePaths = [
  'C:\\Perl\\bin\\perl.exe', 'C:\\Program Files\\Perl\\bin\\perl.exe', 'C:\\PHP\\php-cgi.exe', 'perl.exe',
  '%SystemRoot%\\cgi\\x.exe', 'C:\\Ruby 1.8\\bin\\ruby.exe', 'C:\\cgi\\handler.EXE',
];
const otherPaths = ['C:\\scripts\\run.bat', 'C:\\x\\y', '', ' ', 'C:\\a,b\\x.dll', 'C:\\Program Files\\x,y\\z.exe'];
const argsArb = fc.constantFrom('', ' %s %s', ' "%s" %s', ' %S', ' "%S" %S', ' %s', ' -f %s', ' --x', '  %s  %S ');

export const processorArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...dllPaths) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...dllPaths), argsArb).map(([p, a]) => p + a) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...exePaths), argsArb).map(([p, a]) => p + a) },
  // quoted with ", closed or not
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...exePaths, ...dllPaths), argsArb, fc.boolean())
    .map(([p, a, closed]) => `"${p}${closed ? '"' : ''}${a}`) },
  { weight: 1, arbitrary: fc.constantFrom(...otherPaths) },
  { weight: 1, arbitrary: fc.stringMatching(/^[ A-Za-z0-9:\\%."_-]{0,20}$/) },
);

export const flagsArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('1', '5', '0', '4') },
  { weight: 2, arbitrary: fc.constantFrom('3', 'x', '-1', '99999999999', '', ' 5', '5 ', '4294967295', '4294967296', '0x5', '5x', '07') },
  { weight: 1, arbitrary: fc.nat({ max: 300 }).map(String) },
);

const verbArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'TRACE', 'DEBUG', 'PUT', 'OPTIONS', 'PROPFIND') },
  { weight: 2, arbitrary: fc.constantFrom('get', 'Post', ' GET', 'HEAD ', '', 'FOO', 'G@T', 'GE T', 'x-ms-enumatts', 'ÄÖ') },
);

/** `undefined`: no verbs field at all (a three-field item). */
export const verbsArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('GET,HEAD,POST', 'GET,HEAD,POST,TRACE', 'GET,POST', 'GET, HEAD, POST', 'GET,HEAD,POST,', 'GET,,POST', 'GET,GET') },
  { weight: 2, arbitrary: fc.array(verbArb, { minLength: 0, maxLength: 5 }).map((v) => v.join(',')) },
);

export const itemArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(extensionArb, processorArb, flagsArb, verbsArb)
    .map(([e, p, f, v]) => (v === undefined ? `${e},${p},${f}` : `${e},${p},${f},${v}`)) },
  // blank and short items
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '.asp', '.asp,C:\\x.dll', ',,', ',,,', '.asp,,5') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')) },
);

// ---- encoding a decoded value into raw attribute text ----

export type QuoteChar = '"' | "'";

/** Encodes decoded text for an attribute delimited by `quote`, choosing among the equivalent entity forms. */
export function encodeArb(decoded: string, quote: QuoteChar, allowFaults: boolean): fc.Arbitrary<string> {
  const parts: fc.Arbitrary<string>[] = [];
  for (const ch of decoded) {
    if (ch === '"') {
      const options = quote === '"' ? ['&quot;', '&#34;', '&#x22;'] : ['"', '&quot;', '&#34;'];
      if (allowFaults && quote === '"') options.push('"'); // a raw quote ends the value early
      parts.push(fc.constantFrom(...options));
    } else if (ch === "'") {
      const options = quote === "'" ? ['&apos;', '&#39;'] : ["'", '&apos;'];
      parts.push(fc.constantFrom(...options));
    } else if (ch === '&') {
      parts.push(allowFaults ? fc.constantFrom('&amp;', '&#38;', '&') : fc.constantFrom('&amp;', '&#38;'));
    } else if (ch === '<') {
      parts.push(fc.constantFrom('&lt;', '&#60;'));
    } else if (ch === '>') {
      parts.push(fc.constantFrom('>', '&gt;'));
    } else if (ch === '\t' || ch === '\r' || ch === '\n') {
      parts.push(fc.constant(ch));
    } else if (ch === '%' || ch === '\\') {
      parts.push(fc.constant(ch));
    } else {
      parts.push(fc.oneof({ weight: 20, arbitrary: fc.constant(ch) }, { weight: 1, arbitrary: fc.constant(`&#${ch.codePointAt(0)};`) }));
    }
  }
  return parts.length === 0 ? fc.constant('') : fc.tuple(...parts).map((p) => p.join(''));
}

// ---- documents ----

export interface Layout {
  eol: Eol | 'mixed';
  quote: QuoteChar;
  /** Indentation of the items after the first (IIS: three TABs). */
  itemIndent: string;
  /** Indentation of the properties (IIS: two TABs). */
  propIndent: string;
  /** 'Location ="..."' (IIS) or 'Location="..."'. */
  spacedEquals: boolean;
  allowFaults: boolean;
}

export const layoutArb: fc.Arbitrary<Layout> = fc.record({
  eol: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Eol>('\r\n', '\n') }, { weight: 1, arbitrary: fc.constantFrom<Eol | 'mixed'>('\r', 'mixed') }),
  quote: fc.oneof({ weight: 4, arbitrary: fc.constant<QuoteChar>('"') }, { weight: 1, arbitrary: fc.constant<QuoteChar>("'") }),
  itemIndent: fc.constantFrom('\t\t\t', '\t\t\t', '', '    ', '\t \t'),
  propIndent: fc.constantFrom('\t\t', '\t\t', '  ', '\t'),
  spacedEquals: fc.boolean(),
  allowFaults: fc.constant(false),
});

export interface ScriptMapsSpec {
  items: string[];
  /** As an attribute of the key, or as a <Custom ID="6014"> child. */
  asCustom: boolean;
}

export interface KeySpec {
  type: string;
  location: string;
  otherProps: [string, string][];
  scriptMaps: ScriptMapsSpec[];
  otherCustom: boolean;
}

const otherPropArb = fc.constantFrom<[string, string]>(
  ['AccessFlags', 'AccessRead | AccessScript'], ['Path', 'D:\\Sites\\www'], ['AppRoot', '/LM/W3SVC/1/ROOT'],
  ['AuthFlags', 'AuthAnonymous | AuthNTLM'], ['ServerBindings', ':80:\n:8080:'], ['DefaultDoc', 'Default.htm,Default.asp'],
  ['HttpErrors', '400,*,FILE,C:\\WINDOWS\\help\\iisHelp\\common\\400.htm\n401,1,FILE,C:\\x.htm'], ['ServerComment', 'Tom & "Jerry"'],
);

export const scriptMapsSpecArb: fc.Arbitrary<ScriptMapsSpec> = fc.record({
  items: fc.array(itemArb, { minLength: 0, maxLength: 6 }),
  asCustom: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

export const keySpecArb: fc.Arbitrary<KeySpec> = fc.record({
  type: fc.constantFrom(...KEY_TYPES),
  location: fc.constantFrom(...LOCATIONS),
  otherProps: fc.uniqueArray(otherPropArb, { maxLength: 3, selector: (p) => p[0] }),
  scriptMaps: fc.oneof(
    { weight: 1, arbitrary: fc.constant<ScriptMapsSpec[]>([]) },
    { weight: 4, arbitrary: scriptMapsSpecArb.map((s) => [s]) },
    // attribute and Custom child at once
    { weight: 1, arbitrary: fc.tuple(scriptMapsSpecArb, scriptMapsSpecArb).map(([a, b]) => [{ ...a, asCustom: false }, { ...b, asCustom: true }]) },
  ),
  otherCustom: fc.boolean(),
});

/** Renders a document; `eol()` picks the line ending for each break. */
function renderDocument(keys: KeySpec[], layout: Layout, pieces: string[][], eolPicks: Eol[]): string {
  let n = 0;
  const eol = (): Eol => (layout.eol === 'mixed' ? eolPicks[n++ % eolPicks.length] : layout.eol);
  const q = layout.quote;
  const attr = (name: string, raw: string, spaced = false) => `${name}${spaced ? ' ' : ''}=${q}${raw}${q}`;
  let p = 0;
  const multisz = (itemsRaw: string[]) => itemsRaw.map((item, i) => (i === 0 ? item : eol() + layout.itemIndent + item)).join('');
  let out = `<?xml version ="1.0"?>${eol()}<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">${eol()}<MBProperty>${eol()}`;
  for (const key of keys) {
    const raw = pieces[p++];
    out += `<${key.type}\t${attr('Location', raw[0], layout.spacedEquals)}`;
    let r = 1;
    for (const [name] of key.otherProps) out += `${eol()}${layout.propIndent}${attr(name, multisz(raw[r++].split('\n')))}`;
    const customs: string[] = [];
    for (const sm of key.scriptMaps) {
      const items = sm.items.map(() => raw[r++]);
      if (sm.asCustom) {
        customs.push(`\t<Custom${eol()}\t\tName=${q}ScriptMaps${q}${eol()}\t\tID=${q}6014${q}${eol()}\t\t${attr('Value', multisz(items))}${eol()}` +
          `\t\tType=${q}MULTISZ${q}${eol()}\t\tUserType=${q}IIS_MD_UT_FILE${q}${eol()}\t\tAttributes=${q}INHERIT${q}${eol()}\t/>${eol()}`);
      } else {
        out += `${eol()}${layout.propIndent}${attr('ScriptMaps', multisz(items))}`;
      }
    }
    if (key.otherCustom) {
      customs.push(`\t<Custom Name=${q}MD_ISM_ACCESS_CHECK${q} ID=${q}6269${q} Value=${q}65535${q} Type=${q}DWORD${q} UserType=${q}IIS_MD_UT_FILE${q} Attributes=${q}NO_ATTRIBUTES${q}/>${eol()}`);
    }
    out += `${eol()}\t>${eol()}${customs.join('')}</${key.type}>${eol()}`;
  }
  out += `</MBProperty>${eol()}</configuration>${eol()}`;
  return out;
}

/** The decoded strings of a key, in the order renderDocument consumes their raw forms. */
function keyStrings(key: KeySpec): string[] {
  const strings = [key.location];
  for (const [, value] of key.otherProps) strings.push(value);
  for (const sm of key.scriptMaps) strings.push(...sm.items);
  return strings;
}

export interface DocumentCase {
  text: string;
  keys: KeySpec[];
  layout: Layout;
}

export function documentArb(options: { maxKeys?: number; faults?: boolean } = {}): fc.Arbitrary<DocumentCase> {
  const { maxKeys = 5, faults = false } = options;
  return fc.tuple(fc.array(keySpecArb, { minLength: 0, maxLength: maxKeys }), layoutArb, fc.boolean())
    .chain(([keys, layout0, withFaults]) => {
      const layout = { ...layout0, allowFaults: faults && withFaults };
      const encodedKeys = keys.map((key) => {
        const strings = keyStrings(key);
        return fc.tuple(...strings.map((s, i) => {
          // ServerBindings and HttpErrors hold '\n' as item separators: encode their lines one by one.
          if (i > 0 && i <= key.otherProps.length) {
            return fc.tuple(...s.split('\n').map((line) => encodeArb(line, layout.quote, layout.allowFaults))).map((l) => l.join('\n'));
          }
          return encodeArb(s, layout.quote, layout.allowFaults);
        }));
      });
      const eolPicks = fc.array(fc.constantFrom<Eol>('\r\n', '\n', '\r'), { minLength: 1, maxLength: 16 });
      return fc.tuple(encodedKeys.length ? fc.tuple(...encodedKeys) : fc.constant([] as string[][]), eolPicks)
        .map(([pieces, picks]) => ({ text: renderDocument(keys, layout, pieces, picks), keys, layout }));
    });
}

/** A single key with a ScriptMaps list, valid or not: the densest source of findings and fixes. */
export function scriptMapsDocumentArb(): fc.Arbitrary<DocumentCase> {
  return fc.tuple(
    fc.constantFrom('IIsWebVirtualDir', 'IIsWebService', 'IIsWebDirectory', 'IIsConfigObject', 'IIsFilter'),
    fc.array(itemArb, { minLength: 1, maxLength: 8 }),
    fc.boolean(),
    layoutArb,
  ).chain(([type, items, asCustom, layout]) => {
    const key: KeySpec = { type, location: '/LM/W3SVC/1/ROOT', otherProps: [], scriptMaps: [{ items, asCustom }], otherCustom: false };
    return fc.tuple(...keyStrings(key).map((s) => encodeArb(s, layout.quote, false)), fc.constantFrom<Eol>('\r\n', '\n', '\r'))
      .map((parts) => {
        const picks = [parts[parts.length - 1] as Eol];
        return { text: renderDocument([key], layout, [parts.slice(0, -1)], picks), keys: [key], layout };
      });
  });
}
