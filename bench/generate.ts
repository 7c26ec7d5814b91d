// A deterministic generator of realistic IIS 6 metabases, laid out like the file IIS writes
// (/work/shared/corpus/real/MetaBase.xml): one key element per metabase key under <MBProperty>, properties as
// attributes one per line indented by two TABs, MULTISZ items 2..n indented by three TABs, the start tag
// closed by TAB '>', CRLF line endings, <Custom> children. A seeded PRNG drives every choice (never
// Math.random), so a seed and a size always give the same bytes.
//
// Seeded mistakes (about one per `mistakeEvery` keys): an unquoted .exe path with spaces, flags 'x', lower-case
// verbs, an item without verbs; the rest of the ScriptMaps items are ones the validator is silent on.
//
// Used by the benchmark (files in bench/.data/, generated on demand, reused while GENERATOR_VERSION is the
// same) and by the incremental property test (small documents in memory).

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the output for a given seed and size changes: cached files of older versions are regenerated. */
export const GENERATOR_VERSION = 4;

/** mulberry32: small, fast, good enough for test data. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface GenerateOptions {
  seed?: number;
  /** Stop adding sites once the output reaches this many bytes (ASCII: bytes = UTF-16 units). */
  targetBytes?: number;
  /** Or: exactly this many sites (used when targetBytes is absent). */
  sites?: number;
  /** About one seeded mistake per this many keys; 0 = none. */
  mistakeEvery?: number;
  eol?: string;
}

const WIN = 'C:\\WINDOWS';
const INETSRV = `${WIN}\\system32\\inetsrv`;
const NET2 = `${WIN}\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll`;
const NET1 = `${WIN}\\Microsoft.NET\\Framework\\v1.1.4322\\aspnet_isapi.dll`;

// Items IIS or well-behaved installers write (one entry per extension, order as IIS writes them).
const ASP = (ext: string) => `${ext},${INETSRV}\\asp.dll,5,GET,HEAD,POST,TRACE`;
const SSI = (ext: string) => `${ext},${INETSRV}\\ssinc.dll,5,GET,POST`;
const NET = (ext: string, flags: number, dll = NET2) => `${ext},${dll},${flags},GET,HEAD,POST,DEBUG`;
const CLEAN_ITEMS: readonly string[] = [
  ASP('.asp'), ASP('.cer'), ASP('.cdx'), ASP('.asa'),
  `.idc,${INETSRV}\\httpodbc.dll,5,GET,POST`,
  SSI('.shtm'), SSI('.shtml'), SSI('.stm'),
  NET('.asax', 5), NET('.ascx', 5), NET('.ashx', 1), NET('.asmx', 1), NET('.aspx', 1), NET('.axd', 1),
  NET('.config', 5), NET('.cs', 5), NET('.csproj', 5), NET('.licx', 5), NET('.rem', 1), NET('.resources', 5),
  NET('.resx', 5), NET('.soap', 1), NET('.vb', 5), NET('.vbproj', 5), NET('.vsdisco', 1), NET('.webinfo', 5),
  `.pl,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,5,GET,HEAD,POST`,
  `.cgi,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,5,GET,HEAD,POST`,
  `.plx,C:\\Perl\\bin\\PerlIS.dll,5,GET,HEAD,POST`,
  `.php,C:\\PHP\\php5isapi.dll,5,GET,HEAD,POST`,
  `.py,&quot;C:\\Program Files\\Python\\python.exe&quot; -u &quot;%s&quot; %s,5,GET,HEAD,POST`,
];
/** The items /LM/W3SVC sets, as IIS installs them. */
const INHERITED = 8;
const NET1_ITEMS: readonly string[] = ['.aspx', '.asmx', '.ashx', '.axd', '.asax', '.ascx'].map((e) => NET(e, 1, NET1));

const MISTAKES: readonly ((p: Prng) => string)[] = [
  // unquoted exe path with spaces
  () => `.php3,C:\\Program Files\\PHP\\php-cgi.exe %s %s,5,GET,HEAD,POST`,
  // flags not a number
  () => `.jsp,${INETSRV}\\jakarta\\isapi_redirect.dll,x,GET,HEAD,POST`,
  // lower-case verbs
  () => `.rb,C:\\Ruby\\bin\\ruby.exe &quot;%s&quot; %s,5,get,head,POST`,
  // missing verbs
  () => `.tcl,C:\\Tcl\\bin\\tclsh.exe &quot;%s&quot; %s,1`,
];

const HELP = `${WIN}\\help\\iisHelp\\common`;
const HTTP_ERRORS: readonly string[] = [
  '400,*,FILE', '401,1,FILE', '401,2,FILE', '401,3,FILE', '401,4,FILE', '401,5,FILE', '403,1,FILE', '403,2,FILE',
  '403,3,FILE', '403,4,FILE', '403,5,FILE', '403,6,FILE', '403,7,FILE', '403,8,FILE', '403,9,FILE', '404,*,FILE',
  '405,*,FILE', '406,*,FILE', '412,*,FILE', '414,*,FILE', '500,12,FILE', '500,13,FILE', '500,15,FILE', '501,*,FILE',
].map((e) => { const [c, s] = e.split(','); return `${e},${HELP}\\${c}${s === '*' ? '' : `-${s}`}.htm`; });

const hex = (p: Prng, n: number) => { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[p.int(0, 15)]; return s; };
const zeros = (n: number) => '0'.repeat(n);

/** Writes a metabase chunk by chunk to `sink`; returns the number of characters written. */
export function generate(options: GenerateOptions, sink: (chunk: string) => void): number {
  const p = new Prng(options.seed ?? 1);
  const nl = options.eol ?? '\r\n';
  const mistakeEvery = options.mistakeEvery ?? 500;
  let written = 0;
  let sinceMistake = Math.floor(mistakeEvery / 2);
  let mistakeKind = 0;
  const out = (s: string) => { written += s.length; sink(s); };

  const list = (items: readonly string[]) => items.join(`${nl}\t\t\t`);
  const key = (type: string, location: string, attrs: [string, string][], customs: string[] = []) => {
    let s = `<${type}\tLocation ="${location}"${nl}`;
    for (const [name, value] of attrs) s += `\t\t${name}="${value}"${nl}`;
    s += `\t>${nl}`;
    for (const c of customs) s += c;
    s += `</${type}>${nl}`;
    out(s);
  };
  const custom = (name: string, id: number, value: string, type: string, userType: string, attributes: string) =>
    `\t<Custom${nl}\t\tName="${name}"${nl}\t\tID="${id}"${nl}\t\tValue="${value}"${nl}\t\tType="${type}"${nl}` +
    `\t\tUserType="${userType}"${nl}\t\tAttributes="${attributes}"${nl}\t/>${nl}`;
  // The clean items of the last site ROOT's list: the lists below it start from them.
  let rootItems: string[] = [];
  const scriptMaps = (count: number, below = false): string => {
    const pool = p.chance(0.1) ? [...CLEAN_ITEMS.filter((i) => !NET1_ITEMS.some((n) => n.split(',')[0] === i.split(',')[0])), ...NET1_ITEMS] : CLEAN_ITEMS;
    // IIS Manager copies the inherited list when a key's mappings are edited (the 8 items of /LM/W3SVC, or the
    // list of the site's ROOT), then adds a random subset of the other items in the pool's order.
    const chosen: string[] = below ? [...rootItems] : pool.slice(0, INHERITED);
    const taken = new Set(chosen.map((i) => i.split(',')[0]));
    const rest = pool.filter((i) => !taken.has(i.split(',')[0]));
    let need = Math.max(0, Math.min(count, pool.length) - chosen.length);
    for (let i = 0; i < rest.length && need > 0; i++) {
      if (p.next() < need / (rest.length - i)) { chosen.push(rest[i]); need--; }
    }
    if (!below) rootItems = [...chosen];
    if (mistakeEvery > 0 && sinceMistake >= mistakeEvery) {
      sinceMistake = 0;
      chosen.splice(p.int(0, chosen.length), 0, MISTAKES[mistakeKind++ % MISTAKES.length](p));
    }
    return list(chosen);
  };
  const bump = () => { sinceMistake++; };

  out(`<?xml version ="1.0"?>${nl}<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">${nl}<MBProperty>${nl}`);
  key('IIS_Global', '.', [
    ['BINSchemaTimeStamp', hex(p, 16)], ['ChangeNumber', String(p.int(100, 9999))], ['HistoryMajorVersionNumber', String(p.int(1, 99))],
    ['SessionKey', zeros(312)], ['XMLSchemaTimeStamp', hex(p, 16)],
  ]);
  key('IIS_ROOT', '/', [['AdminACL', zeros(400)]]);
  key('IIsComputer', '/LM', [['EnableEditWhileRunning', '0'], ['EnableHistory', '1'], ['MaxBandwidth', '4294967295'], ['MaxHistoryFiles', '10']]);
  key('IIsConfigObject', '/LM/IISADMIN/PROPERTYREGISTRATION', [], [
    custom('MD_METADATA_ID_REGISTRATION', 1030, `0-65535;Microsoft Reserved${nl}\t\t\t65536-524288;Microsoft IIS Admin Objects Reserved`, 'MULTISZ', 'IIS_MD_UT_SERVER', 'INHERIT'),
  ]);
  key('IIsWebService', '/LM/W3SVC', [
    ['AllowKeepAlive', 'TRUE'], ['AnonymousUserName', 'IUSR_WEBFARM01'], ['AppPoolId', 'DefaultAppPool'],
    ['ApplicationDependencies', list(['Active Server Pages;ASP', 'Internet Data Connector;HTTPODBC', 'Server Side Includes;SSINC', 'WebDAV;WEBDAV'])],
    ['AspScriptErrorMessage', 'An error occurred on the server when processing the URL.  Please contact the system administrator.'],
    ['AuthFlags', 'AuthAnonymous'], ['DefaultDoc', 'Default.htm,Default.asp,index.htm'],
    ['HttpErrors', list(HTTP_ERRORS)],
    ['InProcessIsapiApps', list([`${INETSRV}\\httpext.dll`, `${INETSRV}\\httpodbc.dll`, `${INETSRV}\\ssinc.dll`, `${WIN}\\system32\\msw3prt.dll`])],
    ['LogFileDirectory', `${WIN}\\system32\\LogFiles`],
    ['ScriptMaps', list(CLEAN_ITEMS.slice(0, INHERITED))],
    ['WebSvcExtRestrictionList', list(['0,*.dll', '0,*.exe', `1,${INETSRV}\\asp.dll,0,ASP,Active Server Pages`,
      `0,${INETSRV}\\httpodbc.dll,0,HTTPODBC,Internet Data Connector`, `0,${INETSRV}\\ssinc.dll,0,SSINC,Server Side Includes`,
      `1,${NET2},0,ASP.NET v2.0.50727,ASP.NET v2.0.50727`, `1,${NET1},0,ASP.NET v1.1.4322,ASP.NET v1.1.4322`,
      // The installers of the clean items allow their processors (else IIS answers 404.2: scriptmap-not-allowed).
      '1,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,1,Perl,Perl CGI', '1,C:\\Perl\\bin\\PerlIS.dll,1,PerlIS,Perl ISAPI',
      '1,C:\\PHP\\php5isapi.dll,1,PHP,PHP', '1,&quot;C:\\Program Files\\Python\\python.exe&quot; -u &quot;%s&quot; %s,1,Python,Python'])],
  ], [
    custom('MD_ISM_ACCESS_CHECK', 6269, '65535', 'DWORD', 'IIS_MD_UT_FILE', 'NO_ATTRIBUTES'),
    custom('UnknownName_2166', 2166, '1', 'DWORD', 'IIS_MD_UT_SERVER', 'NO_ATTRIBUTES'),
  ]);
  key('IIsApplicationPools', '/LM/W3SVC/AppPools', [['AppPoolIdentityType', '2'], ['AppPoolQueueLength', '1000'], ['IdleTimeout', '20'], ['MaxProcesses', '1']]);
  // The pools the sites name (AppPool<site % 40>): a pool without its key answers 503 (apppool-missing).
  for (const pool of ['DefaultAppPool', ...Array.from({ length: 40 }, (_, i) => `AppPool${i}`)]) key('IIsApplicationPool', `/LM/W3SVC/AppPools/${pool}`, [['AppPoolAutoStart', 'TRUE']]);

  const wantBytes = options.targetBytes;
  const wantSites = wantBytes === undefined ? options.sites ?? 3 : Infinity;
  const footer = `</MBProperty>${nl}</configuration>${nl}`;
  for (let site = 1; site <= wantSites && (wantBytes === undefined || written + footer.length < wantBytes); site++) {
    const host = `site${site}.example${site % 7}.com`;
    const pool = `AppPool${site % 40}`;
    const root = `/LM/W3SVC/${site}`;
    const bindings = [`10.${(site >> 16) & 255}.${(site >> 8) & 255}.${site & 255}:80:${host}`, `:80:www.${host}`];
    if (p.chance(0.3)) bindings.push(`:8080:${host}`);
    key('IIsWebServer', root, [
      ['AppPoolId', pool], ['DefaultDoc', 'Default.htm,Default.asp,index.htm,Default.aspx,iisstart.htm'],
      ['LogFileDirectory', `D:\\LogFiles\\site${site}`], ['MaxConnections', String(p.pick([1000, 4294967295, 500]))],
      ['ServerAutoStart', 'TRUE'], ['ServerBindings', list(bindings)], ['ServerComment', `Customer site ${site} (${host})`],
      ['ServerSize', '1'],
    ]);
    bump();
    key('IIsFilters', `${root}/Filters`, [['AdminACL', zeros(p.int(100, 300))]]);
    const rootAttrs: [string, string][] = [
      ['AccessFlags', 'AccessRead | AccessScript'], ['AppFriendlyName', 'Default Application'], ['AppIsolated', '2'],
      ['AppPoolId', pool], ['AppRoot', `${root}/ROOT`], ['AuthFlags', 'AuthAnonymous | AuthNTLM'],
    ];
    if (p.chance(0.4)) rootAttrs.push(['HttpErrors', list(HTTP_ERRORS.slice(0, p.int(4, HTTP_ERRORS.length)))]);
    rootAttrs.push(['Path', `D:\\Sites\\${host}\\wwwroot`], ['ScriptMaps', scriptMaps(p.int(12, 18))]);
    key('IIsWebVirtualDir', `${root}/ROOT`, rootAttrs, [
      custom('UNCUserName', 3005, '', 'STRING', 'IIS_MD_UT_FILE', 'INHERIT'),
      ...(p.chance(0.05) ? [custom('ScriptMaps', 6014, scriptMaps(p.int(2, 5)), 'MULTISZ', 'IIS_MD_UT_FILE', 'INHERIT')] : []),
    ]);
    bump();
    const children = p.int(1, 5);
    for (let c = 0; c < children; c++) {
      const name = p.pick(['app', 'images', 'scripts', 'cgi-bin', 'admin', 'api', 'shop', 'blog', 'forum']) + c;
      if (p.chance(0.6)) {
        const attrs: [string, string][] = [['AccessFlags', p.pick(['AccessRead', 'AccessRead | AccessScript', 'AccessRead | AccessExecute | AccessScript'])]];
        const app = p.chance(0.5);
        if (app) attrs.push(['AppFriendlyName', name], ['AppIsolated', '2'], ['AppPoolId', pool], ['AppRoot', `${root}/ROOT/${name}`]);
        if (p.chance(0.2)) attrs.push(['HttpErrors', list(HTTP_ERRORS.slice(p.int(0, 10), p.int(12, HTTP_ERRORS.length)))]);
        attrs.push(['Path', `D:\\Sites\\${host}\\${name}`]);
        if (app && p.chance(0.7)) attrs.push(['ScriptMaps', scriptMaps(p.int(4, 12), true)]);
        key('IIsWebVirtualDir', `${root}/ROOT/${name}`, attrs);
      } else {
        const attrs: [string, string][] = [['AccessFlags', 'AccessRead'], ['DirBrowseFlags', 'DirBrowseShowDate | DirBrowseShowTime | DirBrowseShowSize']];
        if (p.chance(0.3)) attrs.push(['ScriptMaps', scriptMaps(p.int(2, 8), true)]);
        key('IIsWebDirectory', `${root}/ROOT/${name}`, attrs, p.chance(0.3) ? [custom('UnknownName_9202', 9202, String(p.int(0, 9)), 'DWORD', 'IIS_MD_UT_SERVER', 'NO_ATTRIBUTES')] : []);
      }
      bump();
    }
  }
  out(footer);
  return written;
}

/** A metabase as a string. */
export function generateText(options: GenerateOptions): string {
  const chunks: string[] = [];
  generate(options, (c) => chunks.push(c));
  return chunks.join('');
}

export const DATA_DIR = join(__dirname, '..', '..', 'bench', '.data');

/**
 * The path of a generated file of about `targetBytes` bytes in bench/.data/, generated now unless a file of
 * the same generator version, size and seed is already there (files of older versions are deleted).
 */
export function ensureFile(label: string, targetBytes: number, seed = 20240601): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const name = `metabase-${label}-s${seed}-g${GENERATOR_VERSION}.xml`;
  const path = join(DATA_DIR, name);
  if (existsSync(path)) return path;
  for (const old of readdirSync(DATA_DIR)) {
    if (old.startsWith(`metabase-${label}-`) && old !== name) unlinkSync(join(DATA_DIR, old));
  }
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let buffer: string[] = [];
  let size = 0;
  generate({ seed, targetBytes }, (chunk) => {
    buffer.push(chunk);
    size += chunk.length;
    if (size > 1 << 20) { writeSync(fd, buffer.join('')); buffer = []; size = 0; }
  });
  writeSync(fd, buffer.join(''));
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}

export function readGenerated(path: string): string {
  return readFileSync(path, 'utf8');
}

if (require.main === module) {
  // node out/bench/generate.js <label> <bytes>   or   node out/bench/generate.js --sites N (to stdout)
  const args = process.argv.slice(2);
  if (args[0] === '--sites') process.stdout.write(generateText({ sites: Number(args[1] ?? 3), seed: Number(args[2] ?? 1), mistakeEvery: Number(args[3] ?? 500) }));
  else console.log(ensureFile(args[0] ?? '1MB', Number(args[1] ?? 1e6)));
}
