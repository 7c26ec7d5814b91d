// The checks across keys, with exact ranges: 404.2 (scriptmap-not-allowed), 403.1 (scriptmap-needs-execute),
// an own list that drops inherited mappings, AppPoolId without a pool, two started sites with one binding,
// AppRoot that is not the key's Location. Then the hover, code lens and definition of inheritance.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definition, parseModel, scriptMapsLenses } from '../../server/src/service';
import { scriptMapsDefinition } from '../../server/src/service/inheritance';
import { applyFix, assertDiagnostics, check, codes, diagnostics, doc, fixTitles, hoverAt, hoverMarkdown, marked, r, wrapKeys } from './helpers';

const key = (type: string, location: string, ...attributes: string[]) =>
  [`<${type}\tLocation ="${location}"`, ...attributes.map((a) => `\t\t${a}`), '\t>', `</${type}>`];
const list = (...items: string[]) => items.join('\n\t\t\t');

const ASP = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE';
const ASPX = '.aspx,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG';
const RESTRICTIONS = `WebSvcExtRestrictionList="${list('0,*.dll', '0,*.exe', '1,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,0,ASP,Active Server Pages',
  '0,C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll,0,SSINC,Server Side Includes', '1,C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s,1,Perl,Perl')}"`;
const W3SVC = key('IIsWebService', '/LM/W3SVC', RESTRICTIONS);

describe('scriptmap-not-allowed', () => {
  // Pinned before the restriction list was indexed (issue 8, rev8: N items x M entries was quadratic).
  test('matching: an entry naming the program decides, else the first *.dll / *.exe entry; case and quotes aside', () => {
    const at = (restrictions: string[], ...maps: string[]) => diagnostics(wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="${list(...restrictions)}"`, `ScriptMaps="${list(...maps)}"`),
    ])).filter((d) => d.code === 'scriptmap-not-allowed').map((d) => d.message);
    const isapi = '.x,C:\\x\\X.dll,5,GET';
    assert.deepEqual(at(['0,*.dll', '1,*.dll'], isapi), ["'C:\\x\\X.dll' is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown ISAPI extensions are prohibited (0,*.dll): requests for '.x' answer 404.2"]);
    assert.deepEqual(at(['1,*.dll', '0,*.dll'], isapi), []);
    assert.deepEqual(at(['0,*.dll', '0,c:\\X\\x.DLL,0,X,X'], isapi), []);
    assert.deepEqual(at(['0,*.exe', '1,&quot;C:\\x\\y.exe&quot; %s,1,Y,Y'], '.y,C:\\x\\y.exe %s,1,GET'), []);
    assert.deepEqual(at(['1,*.exe'], isapi), ["'C:\\x\\X.dll' is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown ISAPI extensions are not allowed: requests for '.x' answer 404.2"]);
  });

  test('a processor the list does not name, ISAPI and CGI: on its path; listed ones (allowed or prohibited) are left alone', () => {
    assertDiagnostics(wrapKeys([
      ...W3SVC,
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', `ScriptMaps="${list(ASP,
        '.php,[[C:\\php\\php-cgi.exe]],1,GET',
        '.shtml,C:\\WINDOWS\\system32\\inetsrv\\SSINC.dll,5,GET,POST',
        '.pl,c:\\perl\\BIN\\perl.exe  &quot;%s&quot;\t%s,5,GET,POST',
        '.cfm,[[C:\\CFusion\\bin\\iscf.dll]],5,GET,POST')}"`),
    ]), [['scriptmap-not-allowed', 'warning'], ['scriptmap-not-allowed', 'warning']]);
  });

  test('the message, and the related information on the restriction list', () => {
    const text = wrapKeys([...W3SVC, ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".php,C:\\php\\php-cgi.exe,1,GET"')]);
    const [d] = diagnostics(text);
    assert.equal(d.message, "'C:\\php\\php-cgi.exe' is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown CGI programs are prohibited (0,*.exe): requests for '.php' answer 404.2");
    assert.deepEqual(d.relatedInformation?.map((i) => i.location.range), [r(4, 28, 8, 55)]);
  });

  test('an allowed catch-all, no restriction list, or no /LM/W3SVC key in the file: nothing', () => {
    const php = key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".php,C:\\php\\php-cgi.exe,1,GET"');
    assert.deepEqual(check(wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'WebSvcExtRestrictionList="0,*.dll\n\t\t\t1,*.exe"'), ...php])), []);
    assert.deepEqual(check(wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'AppPoolId="DefaultAppPool"'), ...php])), []);
    assert.deepEqual(check(wrapKeys(php)), []);
  });

  test('the fix adds an allow entry as the last item, in the layout of the list (a CGI entry repeats the arguments)', () => {
    const text = wrapKeys([...W3SVC, ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".py,C:\\Python\\python.exe %s %s,1,GET"')]);
    assert.deepEqual(fixTitles(text, 'scriptmap-not-allowed'), [["Allow 'C:\\Python\\python.exe %s %s' in WebSvcExtRestrictionList", false]]);
    const fixed = applyFix(text, 'scriptmap-not-allowed', "Allow 'C:\\Python\\python.exe %s %s' in WebSvcExtRestrictionList");
    assert.equal(fixed, text.replace('%s,1,Perl,Perl"', '%s,1,Perl,Perl\n\t\t\t1,C:\\Python\\python.exe %s %s,1,python,python"'));
    assert.deepEqual(check(fixed), []);
  });

  test("the new item gets the list's own line break as written (character references too), or the document's; nothing else changes", () => {
    const php = key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".py,C:\\Python\\python.exe %s %s,1,GET"');
    const fix = (text: string) => applyFix(text, 'scriptmap-not-allowed', "Allow 'C:\\Python\\python.exe %s %s' in WebSvcExtRestrictionList");
    const added = '1,C:\\Python\\python.exe %s %s,1,python,python';
    for (const separator of ['&#xD;&#xA;', '&#13;', '\r&#10;', '&#x0a;&#9;', '\r\n\t\t\t']) {
      const text = wrapKeys([...key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="0,*.dll${separator}0,*.exe"`), ...php]);
      assert.equal(fix(text), text.replace('0,*.exe"', `0,*.exe${separator.replace('&#9;', '')}${added}"`), JSON.stringify(separator));
    }
    // A blank item: IIS may not read an entry after it, so no entry is added (item-blank's fix goes first).
    const blank = wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'WebSvcExtRestrictionList="0,*.dll\r\n\n\t\t\t0,*.exe"'), ...php], { eol: 'CRLF' });
    assert.deepEqual(fixTitles(blank, 'scriptmap-not-allowed'), []);
    // A list of one line in a file whose lines end in CR (the file's ending, not LF nor CRLF).
    const text = wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'WebSvcExtRestrictionList="0,*.exe"'), ...php], { eol: 'CR' });
    assert.equal(fix(text), text.replace('0,*.exe"', `0,*.exe\r\t\t\t${added}"`));
  });
});

describe('scriptmap-needs-execute', () => {
  test('an own item without the script flag: on its flags; wildcard maps and flag 1 are left alone', () => {
    assertDiagnostics(wrapKeys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/cgi-bin', 'AccessFlags="AccessRead | AccessScript"',
      `ScriptMaps="${list('.pl,&quot;C:\\Perl\\bin\\perl.exe&quot; &quot;%s&quot; %s,[[0]],GET,POST', '.cgi,C:\\cgi\\x.exe %s,[[4]],GET',
        '*,C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll,0', '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET')}"`)),
    [['scriptmap-needs-execute', 'warning'], ['scriptmap-needs-execute', 'warning']]);
  });

  test('an inherited list: on the AccessFlags that lack AccessExecute, or on the Location of a site ROOT that inherits both', () => {
    assertDiagnostics(wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', 'AccessFlags="AccessRead | AccessScript"', 'ScriptMaps=".pl,C:\\Perl\\bin\\perl.exe %s,0,GET"'),
      ...key('IIsWebVirtualDir', '[[/LM/W3SVC/1/ROOT]]'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/app', 'AccessFlags="[[AccessRead]]"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/exec', 'AccessFlags="AccessRead | AccessExecute"'),
      ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/exec/sub'),
    ]), [['scriptmap-needs-execute', 'warning'], ['scriptmap-needs-execute', 'warning']]);
  });

  test('no key of the file sets AccessFlags (an export): not judged', () => {
    assert.deepEqual(check(wrapKeys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'ScriptMaps=".pl,C:\\Perl\\bin\\perl.exe %s,0,GET"'))), []);
  });
});

describe('scriptmaps-override-drops', () => {
  test('on the ScriptMaps name, and on the ID of a <Custom ID="6014">; an own list that keeps every extension is advice-free', () => {
    const { text, spans } = marked(wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(ASP, ASPX)}"`),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/php', `[[ScriptMaps]]="${list(ASP, '.php,C:\\php\\php-cgi.exe,1,GET')}"`),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/keep', `ScriptMaps="${list(ASPX, ASP, '.php,C:\\php\\php-cgi.exe,1,GET')}"`),
      '<IIsWebDirectory\tLocation ="/LM/W3SVC/1/ROOT/cf"', '\t>',
      '\t<Custom Name="ScriptMaps" ID="[[6014]]" Value=".cfm,C:\\CFusion\\bin\\iscf.dll,5,GET" Type="MULTISZ" UserType="IIS_MD_UT_FILE" Attributes="INHERIT"/>',
      '</IIsWebDirectory>',
    ]));
    const found = diagnostics(text);
    assert.deepEqual(found.map((d) => [d.code, d.range, d.message]), [
      ['scriptmaps-override-drops', doc(text).positionAt(spans[0].start) && { start: doc(text).positionAt(spans[0].start), end: doc(text).positionAt(spans[0].end) },
        'replaces the 2 items inherited from /LM/W3SVC: drops .aspx; adds .php (a list set here replaces the inherited one whole)'],
      ['scriptmaps-override-drops', { start: doc(text).positionAt(spans[1].start), end: doc(text).positionAt(spans[1].end) },
        'replaces the 2 items inherited from /LM/W3SVC: drops .asp, .aspx; adds .cfm (a list set here replaces the inherited one whole)'],
    ]);
    assert.deepEqual(found.map((d) => d.severity), [3, 3]);
  });

  // Issue 8 (rev8): every dropped extension was named, so K keys replacing a list of M items gave K × M output.
  test('the message, the code lens and the hover name the first 10 extensions dropped and count the rest', () => {
    const items = Array.from({ length: 13 }, (_, i) => `.a${i},C:\\x.dll,5,GET`);
    const text = wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(...items)}"`),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', `ScriptMaps="${list(items[4], '.z,C:\\x.dll,5,GET')}"`),
    ]);
    const summary = 'replaces the 13 items inherited from /LM/W3SVC: drops .a0, .a1, .a2, .a3, .a5, .a6, .a7, .a8, .a9, .a10, and 2 more; adds .z';
    assert.deepEqual(diagnostics(text).map((d) => d.message), [`${summary} (a list set here replaces the inherited one whole)`]);
    assert.deepEqual(scriptMapsLenses(doc(text), parseModel(text)).map((l) => l.command?.title), [summary]);
  });
});

describe('apppool-missing', () => {
  const pools = [...key('IIsApplicationPools', '/LM/W3SVC/AppPools'), ...key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool'),
    ...key('IIsConfigObject', '/LM/W3SVC/AppPools/Untyped')];
  test('a pool with no IIsApplicationPool key: on the value; names compare ignoring case', () => {
    assertDiagnostics(wrapKeys([...pools,
      ...key('IIsWebServer', '/LM/W3SVC/1', 'AppRoot="/LM/W3SVC/1"', 'AppPoolId="defaultapppool"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppRoot="/LM/W3SVC/1/ROOT"', 'AppPoolId="[[DefaulAppPool]]"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/u', 'AppRoot="/LM/W3SVC/1/ROOT/u"', 'AppPoolId="[[Untyped]]"'),
    ]), [['apppool-missing', 'error'], ['apppool-missing', 'error']]);
  });
  test('a pool named with KELVIN SIGN is not the pool named with k (IIS upper-cases one unit at a time)', () => {
    assertDiagnostics(wrapKeys([...key('IIsApplicationPools', '/LM/W3SVC/AppPools'), ...key('IIsApplicationPool', '/LM/W3SVC/AppPools/\u212APool'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppRoot="/LM/W3SVC/1/ROOT"', 'AppPoolId="[[kpool]]"'),
    ]), [['apppool-missing', 'error']]);
  });
  test('a file without /LM/W3SVC/AppPools (an export of one site): nothing', () => {
    assert.deepEqual(check(wrapKeys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppPoolId="Anything"'))), []);
  });
});

describe('binding-duplicate', () => {
  test('the later started site with the same ServerBindings or SecureBindings item: on that item, related to the first', () => {
    const text = assertDiagnostics(wrapKeys([
      ...key('IIsWebServer', '/LM/W3SVC/1', `ServerBindings="${list(':80:www.example.com', ':80:')}"`, 'SecureBindings=":443:"'),
      ...key('IIsWebServer', '/LM/W3SVC/2', `ServerBindings="${list(':80:shop.example.com', '[[:80:WWW.example.com]]')}"`, 'SecureBindings="[[:443:]]"'),
      ...key('IIsWebServer', '/LM/W3SVC/3', 'ServerAutoStart="FALSE"', 'ServerBindings=":80:"'),
      ...key('IIsWebServer', '/LM/W3SVC/Info/Templates/Public Web Site', 'ServerBindings=":80:"'),
    ]), [['binding-duplicate', 'error'], ['binding-duplicate', 'error']]);
    assert.deepEqual(diagnostics(text).map((d) => d.relatedInformation?.map((i) => i.location.range)), [[r(4, 18, 4, 37)], [r(6, 18, 6, 23)]]);
    assert.deepEqual(diagnostics(text).map((d) => (d.message as string).replace(/.*\(/, '(')), [
      '(both sites would listen on the same IP address, port and host header)',
      '(both sites would listen on the same IP address and port)',
    ]);
  });
});

describe('approot-mismatch', () => {
  test("an AppRoot that names another key: on the value, with a fix to the key's own Location", () => {
    const text = assertDiagnostics(wrapKeys([
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/shop', 'AppRoot="[[/LM/W3SVC/1/ROOT/blog]]"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/blog', 'AppRoot="/lm/w3svc/1/root/blog/"'),
    ]), [['approot-mismatch', 'warning']]);
    assert.deepEqual(fixTitles(text, 'approot-mismatch'), [["Change AppRoot to '/LM/W3SVC/1/ROOT/shop'", false]]);
    assert.equal(applyFix(text, 'approot-mismatch', "Change AppRoot to '/LM/W3SVC/1/ROOT/shop'"), text.replace('AppRoot="/LM/W3SVC/1/ROOT/blog"', 'AppRoot="/LM/W3SVC/1/ROOT/shop"'));
  });

  test('the fix replaces the path only: the line breaks and white space around it stay', () => {
    const text = wrapKeys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/shop', 'AppRoot="\r\n\t\t\t/LM/W3SVC/1/ROOT/blog \n"'));
    assert.equal(applyFix(text, 'approot-mismatch', "Change AppRoot to '/LM/W3SVC/1/ROOT/shop'"), text.replace('/blog', '/shop'));
  });

  test('a raw line break inside the path: no fix (it would join two lines of the file)', () => {
    const text = wrapKeys(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/shop', 'AppRoot="/LM/W3SVC/1/\r\n\t\tROOT/blog"'));
    assert.deepEqual(fixTitles(text, 'approot-mismatch'), []);
  });
});

describe('inheritance: hover, code lens, definition', () => {
  const TEXT = wrapKeys([
    ...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(ASP, ASPX)}"`),
    ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
    ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/php', `ScriptMaps="${list(ASP, '.php,C:\\php\\php-cgi.exe,1,GET')}"`),
  ]);

  test('hover on an inheriting key: every item with the key it comes from', () => {
    const markdown = hoverMarkdown(hoverAt(TEXT, TEXT.indexOf('/LM/W3SVC/1/ROOT"') + 3));
    assert.ok(markdown.includes('**Effective ScriptMaps**: 2 items, inherited from /LM/W3SVC.'), markdown);
    assert.ok(markdown.includes('| .aspx | C:\\WINDOWS\\Microsoft.NET\\Framework\\v2.0.50727\\aspnet_isapi.dll | 1 | /LM/W3SVC |'), markdown);
  });

  test('hover on an own list: what it replaces, drops and adds', () => {
    const markdown = hoverMarkdown(hoverAt(TEXT, TEXT.lastIndexOf('ScriptMaps=') + 2));
    assert.ok(markdown.includes('**Effective ScriptMaps**: 2 items, set on this key.\n\nThis list replaces the 2 items inherited from /LM/W3SVC: drops .aspx; adds .php.'), markdown);
    assert.ok(markdown.includes('| .php | C:\\php\\php-cgi.exe | 1 | /LM/W3SVC/1/ROOT/php |'), markdown);
  });

  test('a code lens on each ScriptMaps that replaces an inherited list', () => {
    const lenses = scriptMapsLenses(doc(TEXT), parseModel(TEXT));
    assert.deepEqual(lenses.map((l) => [l.range, l.command?.title]), [[r(12, 2, 12, 12), 'replaces the 2 items inherited from /LM/W3SVC: drops .aspx; adds .php']]);
  });

  test('definition from a key to the ScriptMaps that apply (for an own list: that list); none elsewhere', () => {
    const d = doc(TEXT);
    const model = parseModel(TEXT);
    const at = (needle: string, plus: number) => d.positionAt(TEXT.indexOf(needle) + plus);
    const service = [{ uri: d.uri, range: r(4, 2, 4, 12) }];
    assert.deepEqual(scriptMapsDefinition(d, model, at('<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', 3)), service);
    // A key that sets its own list: that list (rev11 D5: was the parent's, and nothing on /LM/W3SVC).
    assert.deepEqual(scriptMapsDefinition(d, model, at('/LM/W3SVC/1/ROOT/php', 5)), [{ uri: d.uri, range: r(12, 2, 12, 12) }]);
    assert.deepEqual(scriptMapsDefinition(d, model, at('<IIsWebService', 3)), service);
    assert.deepEqual(scriptMapsDefinition(d, model, at('.aspx', 1)), []);
    // Go to definition on a key answers its parent key (navigation) and then the ScriptMaps that apply.
    const links = definition(d, model, at('/LM/W3SVC/1/ROOT/php', 5)) ?? [];
    assert.deepEqual(links.slice(1).map((l) => l.targetSelectionRange), [r(12, 2, 12, 12)]);
    assert.equal(links.length, 2);
  });
});

// The hostile review of issue 11 (rev11): what IIS judges, each test failing before its fix.
describe('rev11: CGI command lines, processor kinds, %VAR% paths', () => {
  const w3 = (...entries: string[]) => key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="${list(...entries)}"`);
  const root = (...items: string[]) => key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', `ScriptMaps="${list(...items)}"`);
  const notAllowed = (text: string) => diagnostics(text).filter((d) => d.code === 'scriptmap-not-allowed').map((d) => [d.range, d.message]);

  test('D1: a CGI is allowed only by an entry with its whole command line; an entry with the program alone or other arguments says so', () => {
    const text = assertDiagnostics(wrapKeys([
      ...w3('0,*.dll', '0,*.exe', '1,C:\\Perl\\bin\\perl.exe,1,Perl,Perl', '1,C:\\Python24\\python.exe %s %s,1,Python,Python',
        '1,C:\\php\\php-cgi.exe,1,PHP,PHP', '1,C:\\x\\isapi.dll,1,X,X'),
      ...root('.pl,[[C:\\Perl\\bin\\perl.exe]] &quot;%s&quot; %s,5,GET', '.py,[[C:\\Python24\\python.exe]] -u %s %s,5,GET',
        '.php,C:\\PHP\\php-cgi.exe,1,GET', '.x,C:\\x\\isapi.dll,5,GET'),
    ]), [['scriptmap-not-allowed', 'warning'], ['scriptmap-not-allowed', 'warning']]);
    assert.deepEqual(notAllowed(text).map(([, m]) => m), [
      "WebSvcExtRestrictionList on /LM/W3SVC allows 'C:\\Perl\\bin\\perl.exe', which lacks the arguments: for a CGI IIS compares the whole command line 'C:\\Perl\\bin\\perl.exe \"%s\" %s', and unknown CGI programs are prohibited (0,*.exe): requests for '.pl' answer 404.2",
      "WebSvcExtRestrictionList on /LM/W3SVC allows 'C:\\Python24\\python.exe %s %s', which has other arguments: for a CGI IIS compares the whole command line 'C:\\Python24\\python.exe -u %s %s', and unknown CGI programs are prohibited (0,*.exe): requests for '.py' answer 404.2",
    ]);
    assert.deepEqual(fixTitles(text, 'scriptmap-not-allowed'), [["Allow 'C:\\Perl\\bin\\perl.exe \"%s\" %s' in WebSvcExtRestrictionList", false]]);
  });

  test('D9: a processor that is not a .dll (.cmd) is a CGI: the *.exe catch-all governs it, not *.dll', () => {
    const cmd = root('.xyz,C:\\tools\\x.cmd %s,5,GET');
    const text = wrapKeys([...w3('1,*.dll', '0,*.exe'), ...cmd]);
    assert.deepEqual(notAllowed(text), [[r(9, 19, 9, 33),
      "'C:\\tools\\x.cmd %s' is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown CGI programs are prohibited (0,*.exe): requests for '.xyz' answer 404.2"]]);
    assert.deepEqual(notAllowed(wrapKeys([...w3('0,*.dll', '1,*.exe'), ...cmd])), []);
  });

  test('D7: an entry or a processor starting with %VAR% matches by what follows the variable; an unknown one is hedged', () => {
    const asp = '.asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET';
    assert.deepEqual(notAllowed(wrapKeys([...w3('0,*.dll', '1,%windir%\\system32\\inetsrv\\asp.dll,0,ASP,ASP'), ...root(asp)])), []);
    assert.deepEqual(notAllowed(wrapKeys([...w3('0,*.dll', '1,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,0,ASP,ASP'),
      ...root('.asp,%windir%\\system32\\inetsrv\\asp.dll,5,GET')])), []);
    const text = wrapKeys([...w3('0,*.dll', '1,%windir%\\system32\\inetsrv\\asp.dll,0,ASP,ASP'), ...root('.y,%ProgramFiles%\\y\\y.dll,5,GET')]);
    assert.deepEqual(notAllowed(text).map(([, m]) => m), [
      "'%ProgramFiles%\\y\\y.dll' is not in WebSvcExtRestrictionList on /LM/W3SVC and unknown ISAPI extensions are prohibited (0,*.dll): requests for '.y' answer 404.2 (if IIS does not expand '%ProgramFiles%', nothing can match it)",
    ]);
    assert.deepEqual(diagnostics(text).filter((d) => d.code === 'restriction-path').map((d) => [d.range, d.message]), [[r(5, 5, 5, 38),
      "'%windir%\\system32\\inetsrv\\asp.dll' starts with the environment variable '%windir%': if IIS does not expand it here (not documented), the item matches nothing; write the full path"]]);
  });

  test('D7: InProcessIsapiApps and HttpErrors FILE paths with a variable: hedged, not a certain failure', () => {
    const text = wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', 'InProcessIsapiApps="%windir%\\system32\\inetsrv\\ssinc.dll"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'HttpErrors="404,*,FILE,%windir%\\help\\iishelp\\common\\404b.htm"'),
    ]);
    assert.deepEqual(diagnostics(text).map((d) => [d.code, d.message]), [
      ['isapiapps-path', "'%windir%\\system32\\inetsrv\\ssinc.dll' starts with the environment variable '%windir%': if IIS does not expand it here (not documented), the item matches no extension; write the full path"],
      ['httperrors-path', "'%windir%\\help\\iishelp\\common\\404b.htm' starts with the environment variable '%windir%': if IIS does not expand it here (not documented), it does not find the file and sends its default error text; write the full path"],
    ]);
  });

  test('D2: a processor the list prohibits gets no diagnostic, but the hover of its item says 404.2 until it is allowed', () => {
    const text = wrapKeys([...W3SVC, ...root('.shtml,C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll,5,GET,POST')]);
    assert.deepEqual(check(text), []);
    const markdown = hoverMarkdown(hoverAt(text, text.indexOf('.shtml') + 2));
    assert.ok(markdown.includes("**Prohibited**: WebSvcExtRestrictionList on /LM/W3SVC lists 'C:\\WINDOWS\\system32\\inetsrv\\ssinc.dll' as prohibited (0), so requests for '.shtml' answer 404.2 until it is allowed (1)."), markdown);
    assert.ok(!hoverMarkdown(hoverAt(text, text.indexOf('WebSvcExt') + 2)).includes('**Prohibited**'));
  });

  test('D10: items after a blank item get no 404.2 or 403.1; the hovers mark them as possibly ignored', () => {
    const text = assertDiagnostics(wrapKeys([
      ...W3SVC,
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AccessFlags="AccessRead | AccessScript"',
        `ScriptMaps="${ASP}\n[[\t\t\t]]\n\t\t\t.php,C:\\php\\php-cgi.exe,0,GET"`),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/sub', 'AccessFlags="AccessRead"'),
    ]), [['item-blank', 'warning']]);
    const effective = hoverMarkdown(hoverAt(text, text.indexOf('/LM/W3SVC/1/ROOT/sub') + 3));
    assert.ok(effective.includes('| .php (after a blank item: IIS may ignore it) | C:\\php\\php-cgi.exe | 0 | /LM/W3SVC/1/ROOT |'), effective);
    const item = hoverMarkdown(hoverAt(text, text.indexOf('.php') + 2));
    assert.ok(item.includes('This item follows a blank item, which ends a MULTISZ list: IIS may ignore it, so no 404.2 or 403.1 is predicted for it.'), item);
  });
});

describe('rev11: application pools, templates, INHERIT', () => {
  const pools = [...key('IIsApplicationPools', '/LM/W3SVC/AppPools'), ...key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool')];

  test('D3: in IIS 5.0 isolation mode no pool is used: no apppool-missing', () => {
    const app = key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppRoot="/LM/W3SVC/1/ROOT"', 'AppPoolId="MyPool"');
    assert.deepEqual(check(wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'IIs5IsolationModeEnabled="TRUE"'), ...pools, ...app])), []);
    assert.deepEqual(codes(wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'IIs5IsolationModeEnabled="FALSE"'), ...pools, ...app])), ['apppool-missing']);
    // Not set on /LM/W3SVC: the schema's default, TRUE, is the mode IIS runs in.
    assert.deepEqual(check(wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'AppPoolId="DefaultAppPool"'), ...pools, ...app])), []);
    // No /LM/W3SVC key (an export of a site): the mode is not known, and the application is judged.
    assert.deepEqual(codes(wrapKeys([...pools, ...app])), ['apppool-missing']);
  });

  test('D4: only where an application resolves to the missing pool: on its own AppPoolId, or on its AppRoot when it inherits it', () => {
    const text = assertDiagnostics(wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', 'AppPoolId="Gone"', 'IIs5IsolationModeEnabled="FALSE"'), ...pools,
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppRoot="/LM/W3SVC/1/ROOT"', 'AppPoolId="DefaultAppPool"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/img', 'AppPoolId="OldPool"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT', 'AppRoot="[[/LM/W3SVC/2/ROOT]]"'),
    ]), [['apppool-missing', 'error']]);
    const [d] = diagnostics(text);
    assert.equal(d.message, "the application /LM/W3SVC/2/ROOT runs in the pool 'Gone' that it inherits from /LM/W3SVC, and there is no IIsApplicationPool key '/LM/W3SVC/AppPools/Gone' in this file: the application answers 503 (Service Unavailable)");
    assert.deepEqual(d.relatedInformation?.map((i) => [i.location.range, i.message]), [[r(4, 13, 4, 17), 'the AppPoolId set on /LM/W3SVC'], [r(8, 32, 8, 50), 'the application pools']]);
  });

  test('D8: the site templates serve no requests: no 403.1, 503 or 404.2 predicted on them', () => {
    assert.deepEqual(check(wrapKeys([
      ...W3SVC, ...pools,
      ...key('IIsWebVirtualDir', '/LM/W3SVC/Info/Templates/Public Web Site/Root', 'AccessFlags="AccessRead | AccessScript"',
        'AppPoolId="NoSuchPool"', 'AppRoot="/LM/W3SVC/Info/Templates/Public Web Site/Root"', 'ScriptMaps=".php,C:\\php\\php-cgi.exe,0,GET"'),
    ])), []);
  });

  test('D6: a <Custom> ScriptMaps without INHERIT is not passed down; the keys below see the list above it', () => {
    const text = wrapKeys([
      ...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(ASP, ASPX)}"`),
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT/php"', '\t>',
      '\t<Custom Name="ScriptMaps" ID="6014" Value=".php,C:\\php\\php-cgi.exe,0,GET" Type="MULTISZ" UserType="IIS_MD_UT_FILE" Attributes="NO_ATTRIBUTES"/>',
      '</IIsWebVirtualDir>',
      ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/php/sub', 'AccessFlags="AccessRead | AccessScript"'),
    ]);
    assert.ok(hoverMarkdown(hoverAt(text, text.indexOf('/LM/W3SVC/1/ROOT/php/sub') + 3)).includes('**Effective ScriptMaps**: 2 items, inherited from /LM/W3SVC.'));
    assert.deepEqual(check(text).filter((f) => f.code === 'scriptmap-needs-execute'), []);
    const model = parseModel(text);
    assert.deepEqual(scriptMapsDefinition(doc(text), model, doc(text).positionAt(text.indexOf('/LM/W3SVC/1/ROOT/php/sub') + 3)), [{ uri: doc(text).uri, range: r(4, 2, 4, 12) }]);
  });
});

describe('hostile review of 2026-11-29: blank items, the isolation mode, other services, ports, a missing ROOT', () => {
  const PHP_ISAPI = '.php,C:\\php\\php5isapi.dll,1,GET,HEAD,POST';
  const root = (...attributes: string[]) => key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', ...attributes);
  const site = (n: number, bindings: string) => key('IIsWebServer', `/LM/W3SVC/${n}`, `ServerBindings="${bindings}"`);

  test('an allow entry after a blank item allows nothing (IIS may not read it), and no entry is added after a blank', () => {
    const after = wrapKeys([...key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="${list('0,*.dll', '0,*.exe', '', '1,C:\\php\\php5isapi.dll,1,PHP,PHP')}"`),
      ...root(`ScriptMaps="${PHP_ISAPI}"`)]);
    assert.deepEqual(codes(after), ['item-blank', 'scriptmap-not-allowed']);
    assert.deepEqual(fixTitles(after, 'scriptmap-not-allowed'), []);
    const trailing = wrapKeys([...key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="${list('0,*.dll', '0,*.exe', '')}"`), ...root(`ScriptMaps="${PHP_ISAPI}"`)]);
    assert.deepEqual(fixTitles(trailing, 'scriptmap-not-allowed'), []);
  });

  test('a binding after a blank item makes no duplicate; :080: is port 80', () => {
    assert.deepEqual(codes(wrapKeys([...site(1, ':80:'), ...site(2, list(':81:', '', ':80:'))])), ['item-blank']);
    const text = wrapKeys([...site(1, ':80:'), ...site(2, ':080:')]);
    assert.deepEqual(diagnostics(text).map((d) => [d.code, d.range]), [['binding-duplicate', r(8, 18, 8, 23)]]);
  });

  test('the override summary leaves out the items after a blank item, in both lists', () => {
    const text = wrapKeys([...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(ASP, ASPX)}"`), ...root(`ScriptMaps="${list(ASP, '', ASPX)}"`)]);
    assert.deepEqual(diagnostics(text).filter((d) => d.code === 'scriptmaps-override-drops').map((d) => d.message),
      ['replaces the 2 items inherited from /LM/W3SVC: drops .aspx (a list set here replaces the inherited one whole)']);
    const theirs = wrapKeys([...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${list(ASP, '', ASPX)}"`), ...root(`ScriptMaps="${ASP}"`)]);
    assert.deepEqual(codes(theirs), ['item-blank']);
    const hover = hoverMarkdown(hoverAt(theirs, theirs.indexOf('/LM/W3SVC/1/ROOT') + 3));
    assert.ok(hover.includes('replaces the 1 item inherited from /LM/W3SVC.'), hover);
  });

  test('IIs5IsolationModeEnabled not set on /LM/W3SVC: the schema default (TRUE), so no pool is judged', () => {
    assert.deepEqual(codes(wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'AppPoolId="DefaultAppPool"'),
      ...key('IIsApplicationPools', '/LM/W3SVC/AppPools'), ...key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool'),
      ...root('AppPoolId="OldPool"', 'AppRoot="/LM/W3SVC/1/ROOT"')])), []);
  });

  test('the site templates: no AppRoot or override finding', () => {
    assert.deepEqual(codes(wrapKeys([...key('IIsWebService', '/LM/W3SVC', `ScriptMaps="${ASP}"`),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/Info/Templates/Public Web Site/Root', 'AccessFlags="AccessRead | AccessScript"', 'AppRoot="/LM/W3SVC/1/ROOT"',
        `ScriptMaps="${PHP_ISAPI}"`)])), []);
  });

  test('FTP keys run no pools and no script maps: only the placement warnings', () => {
    assert.deepEqual(codes(wrapKeys([...key('IIsWebService', '/LM/W3SVC', `WebSvcExtRestrictionList="${list('0,*.dll', '0,*.exe')}"`, 'IIs5IsolationModeEnabled="FALSE"'),
      ...key('IIsApplicationPools', '/LM/W3SVC/AppPools'),
      ...key('IIsFtpVirtualDir', '/LM/MSFTPSVC/1/ROOT', 'AppPoolId="X"', 'AppRoot="/LM/MSFTPSVC/1/ROOT"', 'ScriptMaps=".x,C:\\x\\x.dll,1,GET"')])),
    ['property-not-allowed', 'property-not-allowed', 'scriptmaps-placement']);
  });

  test('a BOOL stored as a number in a <Custom> (1 or 0): IIS 5.0 isolation mode, a stopped site', () => {
    const custom = (name: string, id: number, value: string) =>
      `\t<Custom Name="${name}" ID="${id}" Value="${value}" Type="DWORD" UserType="IIS_MD_UT_SERVER" Attributes="NO_ATTRIBUTES"/>`;
    const withCustom = (type: string, location: string, line: string) => [`<${type}\tLocation ="${location}"`, '\t>', line, `</${type}>`];
    const pools = (value: string) => codes(wrapKeys([...withCustom('IIsWebService', '/LM/W3SVC', custom('IIs5IsolationModeEnabled', 9203, value)),
      ...key('IIsApplicationPools', '/LM/W3SVC/AppPools'), ...root('AppPoolId="Missing"', 'AppRoot="/LM/W3SVC/1/ROOT"')]));
    assert.deepEqual([pools('1'), pools('0')], [[], ['apppool-missing']]);
    const bindings = (value: string) => codes(wrapKeys([...site(1, ':80:'),
      '<IIsWebServer\tLocation ="/LM/W3SVC/2"', '\t\tServerBindings=":80:"', '\t>', custom('ServerAutoStart', 1017, value), '</IIsWebServer>']));
    assert.deepEqual([bindings('0'), bindings('1')], [[], ['binding-duplicate']]);
  });

  test("403.1 under a missing ROOT: judged on the topmost content key of the path", () => {
    const text = wrapKeys([...key('IIsWebService', '/LM/W3SVC', 'AccessFlags="AccessRead"', 'ScriptMaps=".x,C:\\x.dll,0,GET"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/app', 'Path="C:\\app"'), ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/app/sub', 'Path="C:\\sub"')]);
    assert.deepEqual(diagnostics(text).map((d) => [d.code, d.range.start.line]), [['scriptmap-needs-execute', 8]]); // the Location of /app, not of /app/sub
  });
});
