// Completion: documents written inline, the cursor marked `¦` and the range each item must replace marked
// [[ ]]; the chosen item is applied (its snippet's placeholders taking their default text) and the whole
// text compared.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import { completion } from '../../server/src/service/completion';
import { parseModel } from '../../server/src/service';
import { URI, marked, rangeIn, wrapKeys } from './helpers';

interface Asked {
  text: string;
  items: CompletionItem[];
  /** The range marked [[ ]], or the cursor when there is no marker. */
  range: ReturnType<typeof rangeIn>;
}

function ask(source: string, trigger?: string): Asked {
  const cursorAt = source.indexOf('¦');
  assert.ok(cursorAt >= 0, 'the source marks the cursor with ¦');
  const { text: withCursor, spans } = marked(source);
  const cursor = withCursor.indexOf('¦');
  const text = withCursor.slice(0, cursor) + withCursor.slice(cursor + 1);
  const fix = (o: number) => (o > cursor ? o - 1 : o);
  const span = spans[0] ? { start: fix(spans[0].start), end: fix(spans[0].end) } : { start: cursor, end: cursor };
  const document = TextDocument.create(URI, 'iis-metabase', 1, text);
  const list = completion(document, parseModel(text), document.positionAt(cursor), trigger);
  return { text, items: list.items, range: rangeIn(text, span.start, span.end) };
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** The item labelled `label`, checked to replace exactly the marked range. */
function item(asked: Asked, label: string): CompletionItem {
  const found = asked.items.find((i) => i.label === label);
  assert.ok(found, `no item '${label}' among ${JSON.stringify(labels(asked.items).slice(0, 40))}`);
  assert.deepEqual((found.textEdit as TextEdit).range, asked.range, `the range of '${label}'`);
  return found;
}

/** The text after choosing `label`, placeholders given their default text, tab stops and choices their first. */
function choose(asked: Asked, label: string): string {
  const chosen = item(asked, label);
  const edit = chosen.textEdit as TextEdit;
  const newText = chosen.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  return TextDocument.applyEdits(TextDocument.create(URI, 'iis-metabase', 1, asked.text), [{ range: edit.range, newText }]);
}

function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

const POOLS = [
  '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/DefaultAppPool"',
  '\t>',
  '</IIsApplicationPool>',
  '<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/Sales &amp; Marketing"',
  '\t>',
  '</IIsApplicationPool>',
];

describe('property names in a start tag', () => {
  test('while the start tag is typed and broken: the key type\'s properties, the partial word replaced, the default written', () => {
    const asked = ask(wrapKeys([
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/app"',
      '\t\tAppPoolId="DefaultAppPool"',
      '\t\t[[Acc¦]]',
      '</IIsWebVirtualDir>',
    ]));
    const access = item(asked, 'AccessFlags');
    assert.equal(access.detail, 'DWORD flag set, default AccessRead');
    assert.match((access.documentation as { value: string }).value, /\*\*AccessFlags\*\* \(ID 6016\)/);
    assert.equal((access.textEdit as TextEdit).newText, 'AccessFlags="${1:AccessRead}"');
    const names = labels(asked.items);
    assert.ok(!names.includes('AppPoolId'), 'a property the key sets already is not offered');
    assert.ok(!names.includes('Location'));
    assert.ok(!names.includes('AppPoolIdentityType'), 'an application pool\'s property is not offered on a vdir');
    assert.ok(names.includes('AspScriptTimeout'));
    assert.equal(choose(asked, 'AccessFlags'), wrapKeys([
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/app"',
      '\t\tAppPoolId="DefaultAppPool"',
      '\t\tAccessFlags="AccessRead"',
      '</IIsWebVirtualDir>',
    ]));
  });

  test('a start tag cut off at the end of the text, CRLF: Location first when it is missing', () => {
    const asked = ask('<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n<IIsWebServer ¦');
    assert.equal(asked.items[0].label, 'Location');
    assert.equal((item(asked, 'Location').textEdit as TextEdit).newText, 'Location="$1"');
    assert.ok(labels(asked.items).includes('ServerComment'));
  });

  test('on the name of an attribute that has its value: only the name is replaced', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\t[[AuthF¦lags]]="AuthNTLM"', '\t>', '</IIsWebVirtualDir>']));
    assert.equal(choose(asked, 'AuthFlags'), wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAuthFlags="AuthNTLM"', '\t>', '</IIsWebVirtualDir>']));
  });

  test('a default holding a backslash and a quote-free path is escaped for the snippet', () => {
    const asked = ask(wrapKeys(['<IIsWebService\tLocation ="/LM/W3SVC"', '\t\t[[AspDisk¦]]', '\t>', '</IIsWebService>']));
    assert.equal((item(asked, 'AspDiskTemplateCacheDirectory').textEdit as TextEdit).newText,
      'AspDiskTemplateCacheDirectory="${1:%Windir%\\\\System32\\\\inetsrv\\\\ASP Compiled Templates}"');
    assert.match(choose(asked, 'AspDiskTemplateCacheDirectory'), /AspDiskTemplateCacheDirectory="%Windir%\\System32\\inetsrv\\ASP Compiled Templates"/);
  });

  test('nothing inside an end tag, between keys, or in a <Custom> child\'s names', () => {
    assert.deepEqual(ask(wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWeb¦Server>'])).items, []);
    assert.deepEqual(ask(wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>', '¦'])).items, []);
    assert.deepEqual(ask(wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '\t<Custom N¦', '</IIsWebServer>'])).items, []);
  });

  test('a space typed inside a processor path asks for nothing', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tScriptMaps=".pl,C:\\Perl ¦"', '\t>', '</IIsWebVirtualDir>']), ' ');
    assert.deepEqual(asked.items, []);
  });
});

describe('key types after <', () => {
  test('a bare < between keys gets the whole key in IIS\'s layout', () => {
    const asked = ask(wrapKeys(['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>', '<[[¦]]']));
    assert.ok(!labels(asked.items).includes('IIsConfigObjectHidden'));
    assert.equal(choose(asked, 'IIsWebVirtualDir'), wrapKeys([
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>', '<IIsWebVirtualDir\tLocation =""', '\t>', '</IIsWebVirtualDir>',
    ]));
  });

  test('a name typed before existing attributes: only the name', () => {
    const asked = ask(wrapKeys(['<[[IIsWebV¦]] Location ="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDir>']));
    assert.equal((item(asked, 'IIsWebVirtualDir').textEdit as TextEdit).newText, 'IIsWebVirtualDir');
  });
});

describe('property values', () => {
  test('flag names after the quote: those of the property, by value', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAuthFlags="[[¦]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(labels(asked.items), ['AuthAnonymous', 'AuthBasic', 'AuthNTLM', 'AuthMD5', 'AuthPassport']);
    assert.equal(item(asked, 'AuthNTLM').sortText! < item(asked, 'AuthMD5').sortText!, true);
  });

  test('after ` | `: the flags not in the set yet, the partial name replaced', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAuthFlags="AuthAnonymous | [[AuthN¦]] | AuthMD5"', '\t>', '</IIsWebVirtualDir>']), '|');
    assert.deepEqual(labels(asked.items), ['AuthBasic', 'AuthNTLM', 'AuthPassport']);
    assert.match(choose(asked, 'AuthNTLM'), /AuthFlags="AuthAnonymous \| AuthNTLM \| AuthMD5"/);
  });

  test('right after a `|`: the name comes with the space IIS writes', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAuthFlags="AuthAnonymous |[[¦]]"', '\t>', '</IIsWebVirtualDir>']), '|');
    assert.match(choose(asked, 'AuthBasic'), /AuthFlags="AuthAnonymous \| AuthBasic"/);
  });

  test('right after a `|` glued to the name before it: the `|` is written again with the spaces, and the client filters on it', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAuthFlags="AuthAnonymous[[|¦]]"', '\t>', '</IIsWebVirtualDir>']), '|');
    assert.match(choose(asked, 'AuthBasic'), /AuthFlags="AuthAnonymous \| AuthBasic"/);
    assert.equal(item(asked, 'AuthBasic').filterText, '|AuthBasic');
  });

  test('TRUE and FALSE for a BOOL, replacing what is there', () => {
    const asked = ask(wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAspEnableParentPaths="[[t¦ru]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(labels(asked.items), ['TRUE', 'FALSE']);
    assert.match(choose(asked, 'TRUE'), /AspEnableParentPaths="TRUE"/);
  });

  test('AppPoolId: the pools of the file, a name with & written &amp;', () => {
    const asked = ask(wrapKeys([...POOLS, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAppPoolId="[[¦]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(labels(asked.items), ['DefaultAppPool', 'Sales & Marketing']);
    assert.equal(item(asked, 'Sales & Marketing').detail, 'IIsApplicationPool /LM/W3SVC/AppPools/Sales & Marketing');
    assert.match(choose(asked, 'Sales & Marketing'), /AppPoolId="Sales &amp; Marketing"/);
  });

  test('Location: the next step under the typed path, as the keys of the file write it', () => {
    const keys = [
      '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebServer>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t>', '</IIsWebVirtualDir>',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/Shop/Cart"', '\t>', '</IIsWebVirtualDir>',
    ];
    const asked = ask(wrapKeys([...keys, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/[[S¦]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(asked.items.map((i) => [i.label, i.detail]), [['Shop', undefined]]);
    const root = ask(wrapKeys([...keys, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/[[¦]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(root.items.map((i) => [i.label, i.detail]), [['ROOT', 'IIsWebVirtualDir']]);
    const first = ask(wrapKeys([...keys, '<IIsWebVirtualDir\tLocation ="[[¦]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(first.items.map((i) => (i.textEdit as TextEdit).newText), ['/LM']);
  });
});

describe('edges', () => {
  const vdir = (lines: string[]) => wrapKeys(['<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', ...lines, '\t>', '</IIsWebVirtualDir>']);
  test('a comment before the key on its line, a one-line document, a name cut off at the end of the text', () => {
    assert.ok(labels(ask(wrapKeys(['<!-- site --><IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\t[[Serv¦]]', '\t>', '</IIsWebServer>'])).items).includes('ServerComment'));
    assert.ok(labels(ask('<IIsWebServer Location="/LM/W3SVC/1" [[Serv¦]]').items).includes('ServerComment'));
    assert.ok(labels(ask('<MBProperty>\n<IIsWebServer Location="/LM/W3SVC/1" [[Serv¦]]').items).includes('ServerComment'));
  });
  test('nothing in a comment, in an element that is no key, or in a value without schema values', () => {
    assert.deepEqual(ask(wrapKeys(['<!-- Serv¦ -->'])).items, []);
    assert.deepEqual(ask('<?xml version ="1.0"?>\n<configuration xmlns="¦">').items, []);
    assert.deepEqual(ask(vdir(['\t\tAspScriptTimeout="¦"'])).items, []);
    assert.deepEqual(ask(vdir(['\t\tLocation2="x"', '\t\tAccessFlags="AccessRead"¦'])).items, []);
  });
  test('a value without its closing quote ends at the next tag', () => {
    const asked = ask(vdir(['\t\tAuthFlags="[[AuthN¦]]']));
    assert.deepEqual(labels(asked.items), ['AuthAnonymous', 'AuthBasic', 'AuthNTLM', 'AuthMD5', 'AuthPassport']);
  });
  test('a name with `=` and no value yet: the next name is completed', () => {
    assert.ok(labels(ask(vdir(['\t\tAspBufferingOn=', '\t\t[[Acc¦]]'])).items).includes('AccessFlags'));
  });
  test('an untyped key and an unknown key type hold any property', () => {
    for (const type of ['IIsConfigObject', 'IIsNoSuchKey']) {
      const names = labels(ask(wrapKeys([`<${type}\tLocation ="/LM/x"`, '\t\t[[¦]]', '\t>', `</${type}>`])).items);
      assert.ok(names.includes('AppPoolIdentityType') && names.includes('ServerComment'), type);
    }
  });
  test('<Custom>: a BOOL by its ID gets TRUE/FALSE; its other attributes, a bad ID, get nothing', () => {
    const custom = (attributes: string) => wrapKeys(['<IIsConfigObject\tLocation ="/LM/x"', '\t>', `\t<Custom ${attributes}/>`, '</IIsConfigObject>']);
    assert.deepEqual(labels(ask(custom('Name="AspEnableParentPaths" ID="7008" Value="¦"')).items), ['TRUE', 'FALSE']);
    assert.deepEqual(ask(custom('Name="¦" ID="7008" Value=""')).items, []);
    assert.deepEqual(ask(custom('ID="x" Value="¦"')).items, []);
  });
  test('a Location typed without its leading /: nothing, and no hang', () => {
    assert.deepEqual(ask(wrapKeys(['<IIsWebServer\tLocation ="LM/W3SVC/¦"', '\t>', '</IIsWebServer>'])).items, []);
  });
  test('ScriptMaps: nothing in the indentation or the extension; an empty extension has no processors', () => {
    const list = (items: string) => vdir([`\t\tScriptMaps="${items}"`]);
    assert.deepEqual(ask(list('.asp,C:\\a.dll,5\n\t¦\t.pl,C:\\b.dll,1')).items, []);
    assert.deepEqual(ask(list('.as¦p,C:\\a.dll,5')).items, []);
    assert.deepEqual(ask(list(',C:\\a.dll,5\n\t\t\t,¦')).items, []);
  });
  test('processors read whole from a single-quoted list (`"%s"` raw) and from a double-quoted one (`\'` raw)', () => {
    const asked = ask(vdir([
      "\t\tScriptMaps='.cgi,C:\\cgi\\handler.exe \"%s\",1",
      "\t\t\t.cgi,C:\\cgi\\handler.exe \"%s\",1'",
      '\t>', '</IIsWebVirtualDir>', '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/y"',
      '\t\tScriptMaps=".cgi,C:\\Bob\'s\\h.dll,1',
      '\t\t\t.cgi,[[¦]]"',
    ]));
    assert.deepEqual(labels(asked.items), ['C:\\cgi\\handler.exe "%s"', "C:\\Bob's\\h.dll"]);
    assert.equal(choose(asked, 'C:\\cgi\\handler.exe "%s"'), asked.text.replace('.cgi,"', '.cgi,C:\\cgi\\handler.exe &quot;%s&quot;"'));
  });
  test('a CGI path with spaces used unquoted elsewhere is offered in quotes (unquoted-exe-path is an error)', () => {
    const asked = ask(vdir(['\t\tScriptMaps=".pl,C:\\Program Files\\Perl\\bin\\perl.exe %s %s,5', '\t\t\t.pl,[[¦]]"']));
    assert.deepEqual(labels(asked.items), ['"C:\\Program Files\\Perl\\bin\\perl.exe" %s %s']);
    assert.equal(choose(asked, '"C:\\Program Files\\Perl\\bin\\perl.exe" %s %s'),
      vdir(['\t\tScriptMaps=".pl,C:\\Program Files\\Perl\\bin\\perl.exe %s %s,5', '\t\t\t.pl,&quot;C:\\Program Files\\Perl\\bin\\perl.exe&quot; %s %s"']));
  });
  test('a Location step with an entity being typed, complete or not, is matched decoded', () => {
    for (const typed of ['Sales &a', 'Sales &amp', 'Sales &amp;', 'Sales &amp; M']) {
      const asked = ask(wrapKeys([...POOLS, `<IIsApplicationPool\tLocation ="/LM/W3SVC/AppPools/[[${typed}¦]]"`, '\t>', '</IIsApplicationPool>']));
      assert.deepEqual(labels(asked.items), ['Sales & Marketing'], typed);
      assert.equal(choose(asked, 'Sales & Marketing'), asked.text.replace(`AppPools/${typed}"`, 'AppPools/Sales &amp; Marketing"'), typed);
    }
  });
  test('processors: items after a referenced line break count, an item without a processor does not', () => {
    const asked = ask(vdir(['\t\tScriptMaps=".pl,C:\\a.dll,5&#10;.pl,C:\\b.dll,5&#10;.pl,', '\t\t\t.pl,[[¦]]"']));
    assert.deepEqual(labels(asked.items), ['C:\\a.dll', 'C:\\b.dll']);
  });
});

describe('many keys', () => {
  const sites = Array.from({ length: 250 }, (_, k) => [`<IIsWebServer\tLocation ="/LM/W3SVC/${k + 1}"`, '\t>', '</IIsWebServer>']).flat();
  test('at most 200 Location steps, marked incomplete; the step typed so far narrows them', () => {
    const text = wrapKeys([...sites, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/"', '\t>', '</IIsWebVirtualDir>']);
    const document = TextDocument.create(URI, 'iis-metabase', 1, text);
    const at = text.indexOf('/LM/W3SVC/"') + '/LM/W3SVC/'.length;
    const all = completion(document, parseModel(text), document.positionAt(at));
    assert.equal(all.items.length, 200);
    assert.equal(all.isIncomplete, true);
    const narrowed = ask(wrapKeys([...sites, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/[[24¦]]"', '\t>', '</IIsWebVirtualDir>']));
    assert.deepEqual(labels(narrowed.items), ['24', '240', '241', '242', '243', '244', '245', '246', '247', '248', '249']);
  });

  test('keys read from the text the model was built from, the cursor from the current text', () => {
    const built = wrapKeys([...POOLS, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', '\t\tAppPoolId=""', '\t>', '</IIsWebVirtualDir>']);
    const current = built.replace('<MBProperty>', '<MBProperty>\n<!-- an edit the model has not seen -->');
    const now = TextDocument.create(URI, 'iis-metabase', 2, current);
    const list = completion(now, parseModel(built), now.positionAt(current.indexOf('AppPoolId="') + 11), undefined, TextDocument.create(URI, 'iis-metabase', 1, built));
    assert.deepEqual(labels(list.items), ['DefaultAppPool', 'Sales & Marketing']);
  });
});

describe('inside ScriptMaps', () => {
  const key = (list: string) => wrapKeys([
    '<IIsWebService\tLocation ="/LM/W3SVC"',
    '\t\tScriptMaps=".pl,&quot;C:\\Perl\\bin\\perl.exe&quot; &quot;%s&quot; %s,5,GET,HEAD,POST',
    '\t\t\t.pl,C:\\Perl\\bin\\perlis.dll,5,GET,HEAD,POST',
    '\t\t\t.pl,C:\\Perl\\bin\\perlis.dll,5,GET,HEAD,POST"',
    '\t>',
    '</IIsWebService>',
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
    `\t\tScriptMaps="${list}"`,
    '\t>',
    '</IIsWebVirtualDir>',
  ]);

  test('on a new line: an item skeleton, `"` written &quot;', () => {
    const asked = ask(key('.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE\n\t\t\t[[¦]]'));
    assert.deepEqual(labels(asked.items), ['ISAPI extension item', 'CGI program item']);
    assert.equal(choose(asked, 'CGI program item'), key('.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE\n\t\t\t.ext,&quot;C:\\path\\x.exe&quot; &quot;%s&quot; %s,5,GET,HEAD,POST'));
  });

  test('in the flags: 1, 4, 5, 0 with their meanings', () => {
    const asked = ask(key('.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,[[¦]]'));
    assert.deepEqual(labels(asked.items), ['1', '4', '5', '0']);
    assert.match(item(asked, '5').detail!, /both/);
  });

  test('in the verbs: the usual verbs of the extension that are not listed yet', () => {
    const asked = ask(key('.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,[[P¦]],HEAD'));
    assert.deepEqual(labels(asked.items), ['POST', 'TRACE']);
    assert.equal(choose(asked, 'POST'), key('.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,POST,HEAD'));
    const none = ask(key('.aspx,C:\\x\\aspnet_isapi.dll,1,[[¦]]'));
    assert.deepEqual(labels(none.items), ['GET,HEAD,POST,DEBUG', 'GET', 'HEAD', 'POST', 'DEBUG']);
  });

  test('in the processor: those the file maps the extension to, most used first, written raw', () => {
    const asked = ask(key('.pl,[[¦]]'));
    assert.deepEqual(labels(asked.items), ['C:\\Perl\\bin\\perlis.dll', '"C:\\Perl\\bin\\perl.exe" "%s" %s']);
    assert.equal(item(asked, 'C:\\Perl\\bin\\perlis.dll').detail, '.pl is mapped to it 2 times in this file');
    assert.equal(choose(asked, '"C:\\Perl\\bin\\perl.exe" "%s" %s'), key('.pl,&quot;C:\\Perl\\bin\\perl.exe&quot; &quot;%s&quot; %s'));
    assert.deepEqual(ask(key('.xyz,[[¦]]')).items, []);
  });

  test('in a <Custom> ScriptMaps (ID 6014) too', () => {
    const asked = ask(wrapKeys([
      '<IIsConfigObject\tLocation ="/LM/W3SVC/1/ROOT/x"',
      '\t>',
      '\t<Custom',
      '\t\tName="ScriptMaps"',
      '\t\tID="6014"',
      '\t\tValue=".asp,C:\\a.dll,[[¦]]"',
      '\t/>',
      '</IIsConfigObject>',
    ]));
    assert.deepEqual(labels(asked.items), ['1', '4', '5', '0']);
  });
});
