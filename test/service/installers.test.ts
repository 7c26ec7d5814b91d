// Calibrated on what installers, KB articles and IIS Manager write (docs: "What real installers and IIS
// Manager write"): quiet on those lists; asp-missing-get, verb-all, processor-spaces, flags-spaces and
// processor-unc on the mistakes they show.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ASP, ASPX, IDC, VARIANTS, assertDiagnostics, check, codes, diagnostics, fixAllText, fixTitles, marked, metabase, r, ruleCase,
} from './helpers';

const ASP_DLL = String.raw`C:\WINDOWS\system32\inetsrv\asp.dll`;
const NET11 = String.raw`C:\WINDOWS\Microsoft.NET\Framework\v1.1.4322\aspnet_isapi.dll`;
const NET20 = String.raw`C:\WINDOWS\Microsoft.NET\Framework\v2.0.50727\aspnet_isapi.dll`;

/** ASP.NET's own lists, as aspnet_regiis and hosting panels write them. */
const aspnetList = (dll: string) => [
  `.asax,${dll},5,GET,HEAD,POST,DEBUG`, `.ascx,${dll},5,GET,HEAD,POST,DEBUG`, `.ashx,${dll},1,GET,HEAD,POST,DEBUG`,
  `.asmx,${dll},1,GET,HEAD,POST,DEBUG`, `.aspx,${dll},1,GET,HEAD,POST,DEBUG`, `.axd,${dll},1,GET,HEAD,POST,DEBUG`,
  `.vsdisco,${dll},1,GET,HEAD,POST,DEBUG`, `.rem,${dll},1,GET,HEAD,POST,DEBUG`, `.soap,${dll},1,GET,HEAD,POST,DEBUG`,
  `.config,${dll},5,GET,HEAD,POST,DEBUG`, `.cs,${dll},5,GET,HEAD,POST,DEBUG`, `.csproj,${dll},5,GET,HEAD,POST,DEBUG`,
  `.vb,${dll},5,GET,HEAD,POST,DEBUG`, `.vbproj,${dll},5,GET,HEAD,POST,DEBUG`, `.webinfo,${dll},5,GET,HEAD,POST,DEBUG`,
  `.licx,${dll},5,GET,HEAD,POST,DEBUG`, `.resx,${dll},5,GET,HEAD,POST,DEBUG`, `.resources,${dll},5,GET,HEAD,POST,DEBUG`,
];

describe('what trusted tools write stays quiet', () => {
  ruleCase(test, {
    name: "IIS Manager's wildcard map: nothing",
    items: [ASP, `*,${NET20},0`],
    expected: [],
  });
  ruleCase(test, {
    name: "KB 276557's wildcard map (unquoted-dll-path, advice); PHP as CGI (verbs-missing, advice, only)",
    items: [
      ASP,
      String.raw`*,[[c:\program files\exchsrvr\bin\msimsrv.dll]],1`,
      String.raw`[[.php,C:\php\php-cgi.exe,1]]`,
      String.raw`[[.php3,C:\Php\Php.exe,5]]`,
      String.raw`.php4,C:\PHP\PHP-CGI.EXE,1,GET,HEAD,POST`,
      String.raw`.php5,&quot;C:\Program Files\PHP\php-cgi.exe&quot;,1,GET,HEAD,POST`,
      String.raw`.phtml,C:/php/php.exe,1,GET,HEAD,POST`,
    ],
    expected: [['unquoted-dll-path', 'information'], ['verbs-missing', 'information'], ['verbs-missing', 'information']],
  });
  for (const [name, dll] of [['1.1', NET11], ['2.0', NET20]]) {
    for (const variant of VARIANTS) {
      test(`ASP.NET ${name} list [${variant.name}]`, () => {
        assert.deepEqual(check(metabase([ASP, IDC, ...aspnetList(dll), `*,${dll},0`], variant.options)), []);
      });
    }
  }
  test('Perl, Python and unknown programs still need %s', () => {
    assert.deepEqual(check(metabase([
      String.raw`.pl,C:\Perl\bin\perl.exe,1,GET`,
      String.raw`.py,C:\Python24\python.exe,1,GET`,
      String.raw`.x,C:\tools\phpx.exe,1,GET`,
    ])), [
      { code: 'cgi-missing-placeholder', severity: 'warning', range: r(4, 18, 4, 38) },
      { code: 'cgi-missing-placeholder', severity: 'warning', range: r(5, 7, 5, 29) },
      { code: 'cgi-missing-placeholder', severity: 'warning', range: r(6, 6, 6, 23) },
    ]);
  });
  test('a spaced wildcard is extension-spaces alone, not verbs-missing too', () => {
    assertDiagnostics(metabase([ASP, `[[* ]],${NET20},0`]), [['extension-spaces', 'warning']]);
  });
  test('verbs-missing says it is advice', () => {
    assert.deepEqual(diagnostics(metabase([String.raw`.x,C:\x.dll,1`])).map((d) => d.message),
      ['this item lists no verbs, so IIS hands every HTTP verb to the processor (advice: list the verbs it should handle)']);
  });
});

describe('asp-missing-get', () => {
  ruleCase(test, {
    name: '.asp without GET: the verb list',
    items: [IDC, String.raw`.asp,${ASP_DLL},5,[[HEAD,POST,TRACE]]`],
    expected: [['asp-missing-get', 'warning']],
    fixes: [{ title: 'Add GET to the verbs', preferred: true, after: [IDC, String.raw`.asp,${ASP_DLL},5,GET,HEAD,POST,TRACE`] }],
  });
  ruleCase(test, {
    name: '.cer on another DLL, and any extension on asp.dll (any case)',
    items: [ASP, String.raw`.cer,C:\isapi\cer.dll,1,[[POST]]`, String.raw`.inc,C:\WINDOWS\SYSTEM32\INETSRV\ASP.DLL,5,[[POST]]`],
    expected: [['asp-missing-get', 'warning'], ['asp-missing-get', 'warning']],
    fixes: [{ title: 'Add GET to the verbs', preferred: true, after: [ASP, String.raw`.cer,C:\isapi\cer.dll,1,GET,POST`, String.raw`.inc,C:\WINDOWS\SYSTEM32\INETSRV\ASP.DLL,5,POST`], remaining: ['asp-missing-get'] }],
  });
  test('fix-all with a spaced first verb: GET added, then the verb trimmed', () => {
    const text = metabase([IDC, String.raw`.asa,${ASP_DLL},5, HEAD,POST`]);
    assert.equal(fixAllText(text), metabase([IDC, String.raw`.asa,${ASP_DLL},5,GET,HEAD,POST`]));
  });
  test('other rules own the lists that are GET written badly, all verbs, or empty', () => {
    assert.deepEqual(codes(metabase([
      String.raw`.asp,${ASP_DLL},5`,
      String.raw`.asa,${ASP_DLL},5,get,HEAD`,
      String.raw`.cer,${ASP_DLL},5,All`,
      String.raw`.cdx,${ASP_DLL},5,GET;HEAD`,
      String.raw`.asp2,${ASP_DLL},5,`,
      String.raw`.aspx,${NET20},1,POST`,
    ])), ['verbs-missing', 'verb-case', 'verb-all', 'verb-invalid', 'verb-empty']);
  });
});

describe('verb-all', () => {
  ruleCase(test, {
    name: "an installer's 'All' on a wildcard map",
    items: [ASP, `*,${NET20},4,[[All]]`],
    expected: [['verb-all', 'warning']],
    fixes: [{ title: 'Remove the verb list (all verbs)', preferred: true, after: [ASP, `*,${NET20},4`] }],
  });
  ruleCase(test, {
    name: "' all ' among other verbs: verb-all alone, not verb-spaces, verb-case or verb-unknown",
    items: [ASP, String.raw`.x,C:\x.dll,1,GET,[[ all ]]`],
    expected: [['verb-all', 'warning']],
    fixes: [{ title: 'Remove the verb list (all verbs)', preferred: true, after: [ASP, String.raw`.x,C:\x.dll,1`], remaining: ['verbs-missing'] }],
  });
});

describe('processor-spaces', () => {
  ruleCase(test, {
    name: 'a space after the comma',
    items: [ASP, String.raw`.htm,[[ C:\Inetpub\isapi\Test.dll]],5,GET`],
    expected: [['processor-spaces', 'warning']],
    fixes: [{ title: 'Trim the script processor', preferred: true, after: [ASP, String.raw`.htm,C:\Inetpub\isapi\Test.dll,5,GET`] }],
  });
  ruleCase(test, {
    name: 'a CGI with a space before the comma, and a TAB written as a reference',
    items: [ASP, String.raw`.pl,[[&#9;C:\Perl\bin\perl.exe &quot;%s&quot; %s ]],5,GET`],
    expected: [['processor-spaces', 'warning']],
    fixes: [{ title: 'Trim the script processor', preferred: true, after: [ASP, String.raw`.pl,C:\Perl\bin\perl.exe &quot;%s&quot; %s,5,GET`] }],
  });
  ruleCase(test, {
    name: "the path's own rules see the trimmed path",
    items: [ASP, String.raw`.x,[[ [[x.dll]]]],1,GET`, String.raw`.y,[[ [[\\srv\share\y.dll]] ]],1,GET`],
    expected: [['processor-spaces', 'warning'], ['processor-relative', 'error'], ['processor-spaces', 'warning'], ['processor-unc', 'warning']],
  });
  test("Microsoft's 'Extension, ScriptProcessor, Flags' layout: fix-all trims every field", () => {
    const source = metabase([ASP, String.raw`.htm,[[ C:\Inetpub\isapi\Test.dll]],[[ 5]],GET,[[ HEAD]]`]);
    const text = assertDiagnostics(source, [['processor-spaces', 'warning'], ['flags-spaces', 'warning'], ['verb-spaces', 'warning']]);
    assert.equal(fixAllText(text), metabase([ASP, String.raw`.htm,C:\Inetpub\isapi\Test.dll,5,GET,HEAD`]));
  });
});

describe('flags-spaces', () => {
  ruleCase(test, {
    name: 'a space before the comma',
    items: [ASP, String.raw`.htm,C:\Inetpub\isapi\Test.dll,[[5 ]],GET`],
    expected: [['flags-spaces', 'warning']],
    fixes: [{ title: 'Trim the flags', preferred: true, after: [ASP, String.raw`.htm,C:\Inetpub\isapi\Test.dll,5,GET`] }],
  });
  test('unknown bits are still reported; not a number is flags-not-a-number alone', () => {
    const text = assertDiagnostics(metabase([String.raw`.htw,C:\w.dll,[[[[ 9]]]],GET`, String.raw`.x,C:\x.dll,[[ x ]],GET`]), [
      ['flags-spaces', 'warning'], ['flags-unknown-bits', 'warning'], ['flags-not-a-number', 'error'],
    ]);
    assert.deepEqual(diagnostics(text).find((d) => d.code === 'flags-spaces')?.message, "the flags '9' have white space around them: IIS Manager writes none");
  });
});

describe('processor-unc', () => {
  ruleCase(test, {
    name: 'a DLL and a quoted CGI on a share: the path',
    items: [ASP, String.raw`.cfm,[[\\appserver\cfusion\bin\iscf.dll]],5,GET`, String.raw`.pl,&quot;[[\\srv\perl\bin\perl.exe]]&quot; &quot;%s&quot; %s,5,GET`],
    expected: [['processor-unc', 'warning'], ['processor-unc', 'warning']],
  });
  test('no fix is offered', () => {
    const { text } = marked(metabase([String.raw`.cfm,\\appserver\cfusion\bin\iscf.dll,5,GET`]));
    assert.deepEqual(fixTitles(text, 'processor-unc'), []);
  });
  test('local device paths are not shares', () => {
    assert.deepEqual(codes(metabase([String.raw`.a,\\?\C:\isapi\a.dll,1,GET`, String.raw`.b,\\.\C:\isapi\b.dll,1,GET`])), []);
  });
});

describe('extension-duplicate names the item', () => {
  test('item 2, with a blank line before it not counted', () => {
    const text = metabase([ASP, '^', IDC, String.raw`.idc,C:\x.dll,1,GET`]);
    assert.deepEqual(diagnostics(text).filter((d) => d.code === 'extension-duplicate').map((d) => d.message),
      ["'.idc' is already mapped by item 2 of this list; which item IIS uses is not documented"]);
  });
  test('ASPX then .aspx again: item 1', () => {
    assert.match(diagnostics(metabase([ASPX, String.raw`.aspx,C:\x.dll,1,GET`]))[0].message as string, /by item 1 of this list/);
  });
});
