// The checks across keys, with exact ranges: 404.2 (scriptmap-not-allowed), 403.1 (scriptmap-needs-execute),
// an own list that drops inherited mappings, AppPoolId without a pool, two started sites with one binding,
// AppRoot that is not the key's Location. Then the hover, code lens and definition of inheritance.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definition, parseModel, scriptMapsLenses } from '../../server/src/service';
import { scriptMapsDefinition } from '../../server/src/service/inheritance';
import { applyFix, assertDiagnostics, check, diagnostics, doc, fixTitles, hoverAt, hoverMarkdown, marked, r, wrapKeys } from './helpers';

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
        '.pl,&quot;C:\\Perl\\bin\\perl.exe&quot; &quot;%s&quot; %s,5,GET,POST',
        '.cfm,[[C:\\CFusion\\bin\\iscf.dll]],5,GET,POST',
        '.x,[[C:\\x\\notaprogram.bat]],1,GET')}"`),
    ]), [['scriptmap-not-allowed', 'warning'], ['scriptmap-not-allowed', 'warning'], ['processor-not-dll-or-exe', 'warning']]);
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
      ...key('IIsWebServer', '/LM/W3SVC/1', 'AppPoolId="defaultapppool"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', 'AppPoolId="[[DefaulAppPool]]"'),
      ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/u', 'AppPoolId="[[Untyped]]"'),
    ]), [['apppool-missing', 'error'], ['apppool-missing', 'error']]);
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

  test('definition from a key to the ScriptMaps that apply (for an own list: the one it replaces); none elsewhere', () => {
    const d = doc(TEXT);
    const model = parseModel(TEXT);
    const at = (needle: string, plus: number) => d.positionAt(TEXT.indexOf(needle) + plus);
    const service = [{ uri: d.uri, range: r(4, 2, 4, 12) }];
    assert.deepEqual(scriptMapsDefinition(d, model, at('<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', 3)), service);
    assert.deepEqual(scriptMapsDefinition(d, model, at('/LM/W3SVC/1/ROOT/php', 5)), service);
    assert.deepEqual(scriptMapsDefinition(d, model, at('<IIsWebService', 3)), []);
    assert.deepEqual(scriptMapsDefinition(d, model, at('.aspx', 1)), []);
    // Go to definition on a key answers its parent key (navigation) and then the ScriptMaps that apply.
    const links = definition(d, model, at('/LM/W3SVC/1/ROOT/php', 5)) ?? [];
    assert.deepEqual(links.slice(1).map((l) => l.targetSelectionRange), [r(4, 2, 4, 12)]);
    assert.equal(links.length, 2);
  });
});
