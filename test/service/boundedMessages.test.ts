// Text of the document that a message, a related message or a fix title quotes is cut short
// (service/quote.ts): a huge field makes no huge message. Each rule's Bad example (docs/rules/<id>.md,
// which the docs test proves flagged by the rule), and the examples below for messages it does not show,
// is blown up at each character of its element names, attribute names and attribute values in turn: the
// character repeated BLOWN times. Wherever the rule still fires, every message, related message and fix
// title of the document stays within BOUND, which text quoted whole would pass. The rules come from the
// rule table, so a new rule is swept with its page; the longest message of each example is then made
// again from a field of HUGE characters.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, Range } from 'vscode-languageserver-types';
import { MetabaseSettings, RULES, codeActions, parseModel, validate } from '../../server/src/service';
import { asDocument, readPage, xmlExample } from '../docs/pages';
import { hoverAt, hoverMarkdown, key, list, wrapKeys } from './helpers';

/**
 * The longest message, related message or fix title allowed: up to four texts cut at 100 characters (with
 * the quotes and the length said), and the words around them.
 */
const BOUND = 800;
/** How long a blown-up field is in the sweep: longer than BOUND, so that a text quoted whole fails. */
const BLOWN = 1_000;
const HUGE = 100_000;

// Every rule on, the migration group too: a blown-up field may trip any rule, and each is judged.
const SETTINGS: MetabaseSettings = { rules: {}, migration: true };

/**
 * Element names (and processing instructions' targets), attribute names, and attribute values without their
 * quotes (a name without a value, or with one not in quotes, is taken too: a broken tag is blown up as well).
 */
const TOKEN = /<[/?]?([A-Za-z_][\w.:-]*)|([A-Za-z_][\w.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/dg;

const WORD = /[A-Za-z0-9_]+/g;

/** A blown-up document: a character repeated to `length`, at one place or in every occurrence of its word. */
type BlowUp = (length: number) => string;

/**
 * Each character of each token blown up, once per run of the same character; and each character of each
 * word that occurs more than once (ignoring case) blown up in every occurrence, so that what must stay equal
 * does (the same extension twice, a Location and the keys below it).
 */
function blowUps(text: string): Array<{ at: number; blowUp: BlowUp }> {
  const found: Array<{ at: number; blowUp: BlowUp }> = [];
  const words = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    for (const [start, end] of match.indices!.slice(1).filter((span) => span !== undefined)) {
      for (let i = start; i < end; i++) {
        if (i === start || text[i] !== text[i - 1]) found.push({ at: i, blowUp: (length) => text.slice(0, i + 1) + text[i].repeat(length - 1) + text.slice(i + 1) });
      }
      for (const [word] of text.slice(start, end).matchAll(WORD)) words.add(word.toLowerCase());
    }
  }
  for (const word of words) {
    const every = new RegExp(`\\b${word}\\b`, 'gi');
    const at = text.search(every);
    if (text.slice(at + word.length).search(every) < 0) continue;
    for (let k = 0; k < word.length; k++) {
      if (k > 0 && word[k] === word[k - 1]) continue;
      found.push({ at: at + k, blowUp: (length) => text.replace(every, (w) => w.slice(0, k + 1) + w[k].repeat(length - 1) + w.slice(k + 1)) });
    }
  }
  return found;
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function contains(range: Range, document: TextDocument, offset: number): boolean {
  return document.offsetAt(range.start) <= offset && offset <= document.offsetAt(range.end);
}

interface Checked {
  fires: boolean;
  /** The longest text of the rule's own findings. */
  longest: number;
}

/**
 * Validates a blown-up document and asserts that every text it shows is within BOUND. The fix titles are
 * those of the rule's first finding and of the finding on the blown-up field (every finding's would cost
 * as much again per finding).
 */
function check(text: string, rule: string, at: number): Checked {
  const document = TextDocument.create('file:///test/MetaBase.xml', 'iis-metabase', 1, text);
  const model = parseModel(text);
  const diagnostics = validate(document, model, SETTINGS);
  const own = diagnostics.filter((d) => d.code === rule);
  const asked = new Set<Diagnostic>([own[0], diagnostics.find((d) => contains(d.range, document, at))].filter((d) => d !== undefined));
  const shown = [
    ...diagnostics.flatMap((d) => [[d.code, messageOf(d)], ...(d.relatedInformation ?? []).map((r) => [`${d.code} related`, r.message])]),
    ...[...asked].flatMap((d) => codeActions(document, model, d.range, ['quickfix'], SETTINGS).map((a) => [`${d.code} fix`, a.title])),
  ] as Array<[string, string]>;
  for (const [what, message] of shown) {
    // Not assert.ok(length <= BOUND, message): a failure would print megabytes.
    assert.ok(message.length <= BOUND, `${what}: ${message.length} characters: ${message.slice(0, 200)}...`);
  }
  return { fires: own.length > 0, longest: Math.max(0, ...own.map((d) => messageOf(d).length)) };
}

/** Keys (see key) as one text. */
function keys(...lines: string[][]): string {
  return lines.flat().join('\n');
}

const OPEN = '<configuration><MBProperty>\n';
const SITE = '<IIsWebServer\tLocation ="/LM/W3SVC/1"';

/** Examples of the messages that the Bad examples do not show (other faults, other branches), by rule. */
const MORE: Readonly<Record<string, readonly string[]>> = {
  'xml-not-well-formed': [
    `${OPEN}</MBProperty></configuration>\n<?target`,
    `${OPEN}</MBProperty x></configuration>`,
    `${OPEN}</MBProperty></configuration>\n</stray>`,
    `${OPEN}${SITE}\n\t>\n`,
    `${SITE}\n\t>\n</IIsWebServer x>`,
    `${SITE}\n\t>\n${keys(key('IIsWebServer', '/LM/W3SVC/2'))}`,
    `${OPEN}${SITE}`,
    `${SITE} <\n\t>\n</IIsWebServer>`,
    `${SITE} !\n\t>\n</IIsWebServer>`,
    keys(key('IIsWebServer', '/LM/W3SVC/1', 'Location ="/LM/W3SVC/1"')),
    keys(key('IIsWebServer', '/LM/W3SVC/1', 'ServerAutoStart')),
    keys(key('IIsWebServer', '/LM/W3SVC/1', 'ServerAutoStart=TRUE')),
    `${OPEN}${SITE}\n\t\tServerComment="site`,
    `${SITE}\n\t\tServerComment="site\n\t>\n</IIsWebServer>\n${keys(key('IIsWebServer', '/LM/W3SVC/2'))}`,
    keys(key('IIsWebServer', '/LM/W3SVC/1', 'ServerComment="&#0;"')),
  ],
  // Leading zeros before a unit: the fix writes the number as it is.
  'dword-not-number': [keys(key('IIsWebServer', '/LM/W3SVC/1', 'ConnectionTimeout="0120 seconds"'))],
  // A 0 written otherwise, alone and among flag names.
  'flagset-number': [
    keys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AccessFlags="00"')),
    keys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AccessFlags="AccessRead | 00"')),
  ],
  'extension-empty': [keys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', String.raw`ScriptMaps=".,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET"`))],
  'bindings-ip': [keys(key('IIsWebServer', '/LM/W3SVC/1', 'ServerBindings="[::1]:80:"'))],
  'headers-name': [keys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'HttpCustomHeaders="X Frame: DENY"'))],
  'isapiapps-path': [keys(key('IIsWebService', '/LM/W3SVC', String.raw`InProcessIsapiApps="%windir%\system32\inetsrv\asp.dll"`))],
  // A CGI allowed with other arguments; a DLL path with a variable.
  'scriptmap-not-allowed': [keys(
    key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="${list('0,*.dll', '0,*.exe', String.raw`1,C:\php\php-cgi.exe -c C:\php,1,PHP,PHP`)}"`),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT',
      `ScriptMaps="${list(String.raw`.php,C:\php\php-cgi.exe,1,GET,HEAD,POST`, String.raw`.asp,%windir%\system32\inetsrv\asp.dll,5,GET`)}"`),
  )],
  // The script maps inherited from the key above.
  'scriptmap-needs-execute': [keys(
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', String.raw`ScriptMaps=".pl,&quot;C:\Perl\bin\perl.exe&quot; &quot;%s&quot; %s,0,GET,HEAD,POST"`),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/cgi-bin', 'AccessFlags="AccessRead | AccessScript"'),
  )],
  // A pool inherited from the site.
  'apppool-missing': [keys(
    key('IIsApplicationPools', '/LM/W3SVC/AppPools'),
    key('IIsWebServer', '/LM/W3SVC/1', 'AppPoolId="Shop"'),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppRoot="/LM/W3SVC/1/ROOT"'),
  )],
  // A 32-bit DLL in a pool of the file; a 64-bit DLL in a pool that runs 32-bit code.
  'migration-isapi-bitness': [
    keys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppPoolId="Shop"',
      String.raw`ScriptMaps=".aspx,C:\WINDOWS\Microsoft.NET\Framework\v2.0.50727\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG"`)),
    keys(
      key('IIsApplicationPool', '/LM/W3SVC/AppPools/Shop', 'Enable32BitAppOnWin64="TRUE"'),
      key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppPoolId="Shop"',
        String.raw`ScriptMaps=".aspx,C:\WINDOWS\Microsoft.NET\Framework64\v2.0.50727\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG"`),
    ),
  ],
};

describe('every message, related message and fix title quotes a blown-up field cut short', () => {
  it('has its examples under the ids of rules', () => {
    for (const id of Object.keys(MORE)) assert.ok(RULES.some((r) => r.id === id), id);
  });

  for (const rule of RULES) {
    const examples = [xmlExample(readPage(rule.id), 'Bad'), ...MORE[rule.id] ?? []];
    examples.forEach((example, n) => {
      it(`${rule.id}${n ? ` (example ${n})` : ''}`, () => {
        const text = asDocument(example);
        let worst: { at: number; blowUp: BlowUp; longest: number } | undefined;
        for (const { at, blowUp } of blowUps(text)) {
          const { fires, longest } = check(blowUp(BLOWN), rule.id, at);
          if (!fires) continue;
          if (!worst || longest > worst.longest) worst = { at, blowUp, longest };
        }
        assert.ok(worst, `no blown-up field keeps ${rule.id} firing: nothing checks its messages`);
        assert.ok(check(worst.blowUp(HUGE), rule.id, worst.at).fires);
      });
    });
  }
});

describe('hovers quote the file cut short', () => {
  const big = 'x'.repeat(HUGE);
  // A field of every kind a hover quotes: flag names, a script map's fields, list items, names, Locations.
  const attributes: Record<string, string> = {
    'a flag set': `AccessFlags="AccessRead | ${big}"`,
    'a script map': `ScriptMaps=".php,C:\\php\\${big}.exe %s,5,GET"`,
    'a binding': `ServerBindings=":80:${big}"`,
    'a custom error': `HttpErrors="404,*,FILE,${big}"`,
    'an unknown property name': `${'Q'.repeat(HUGE)}="1"`,
    'a DWORD': `AspScriptTimeout="${big}"`,
    'a BOOL': `AllowKeepAlive="${big}"`,
  };
  for (const [what, attribute] of Object.entries(attributes)) {
    it(`${what}, and the key's Location`, () => {
      const text = wrapKeys([...key('IIsWebVirtualDir', `/LM/W3SVC/1/ROOT/${big}`, 'ScriptMaps=".asp,C:\\x\\asp.dll,5,GET"'), ...key('IIsWebVirtualDir', `/LM/W3SVC/1/ROOT/${big}/a`, attribute)]);
      const at = text.lastIndexOf(attribute);
      let hovered = 0;
      // Each character of the attribute up to past its value's start, a few in the value, the end, and the key's name and Location.
      const offsets = [...Array.from({ length: 30 }, (_, i) => at + i), at + attribute.length - 3, text.lastIndexOf('IIsWebVirtualDir') + 3, text.lastIndexOf('/LM/W3SVC') + 5];
      for (const offset of offsets) {
        const h = hoverAt(text, offset);
        const markdown = h ? hoverMarkdown(h) : '';
        if (markdown) hovered++;
        assert.ok(markdown.length <= 4 * BOUND, `${markdown.length} characters at offset ${offset - at}: ${markdown.slice(0, 200)}`);
      }
      assert.ok(hovered > 0, 'no hover at all');
    });
  }
});
