// processor-empty, processor-relative, processor-comma, processor-unclosed-quote, unquoted-exe-path,
// unquoted-dll-path, processor-not-dll-or-exe, dll-arguments, processor-environment-variable.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, IDC, applyFix, check, codes, fixTitles, metabase, r, ruleCase } from './helpers';

describe('processor-empty', () => {
  ruleCase(test, {
    name: 'an empty processor is marked by the comma before it',
    items: [ASP, '.x[[,]],5,GET,POST'],
    expected: [['processor-empty', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'a white-space processor',
    items: [ASP, '.x,[[   ]],5,GET,POST'],
    expected: [['processor-empty', 'error']],
  });
  test('literal range; flags and verbs are not looked at', () => {
    assert.deepEqual(check(metabase([ASP, '.x,,x,get'])), [{ code: 'processor-empty', severity: 'error', range: r(5, 5, 5, 6) }]);
  });
});

describe('processor-relative', () => {
  ruleCase(test, {
    name: 'a bare file name',
    items: [ASP, '.x,[[asp.dll]],5,GET,POST'],
    expected: [['processor-relative', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'a path relative to the current folder',
    items: [ASP, String.raw`.x,[[inetsrv\asp.dll]],5,GET,POST`],
    expected: [['processor-relative', 'error']],
  });
  ruleCase(test, {
    name: 'a path from the root of the current drive',
    items: [ASP, String.raw`.x,[[\WINDOWS\system32\inetsrv\asp.dll]],5,GET,POST`],
    expected: [['processor-relative', 'error']],
  });
  test('full paths: drive letter (either slash, any case) and UNC (not relative, but processor-unc)', () => {
    assert.deepEqual(codes(metabase([
      String.raw`.a,c:\windows\system32\inetsrv\asp.dll,5,GET`,
      String.raw`.b,D:/isapi/x.dll,5,GET`,
      String.raw`.c,\\server\share\x.dll,5,GET`,
    ])), ['processor-unc']);
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase(['.x,x.dll,1,GET'])), [{ code: 'processor-relative', severity: 'error', range: r(4, 17, 4, 22) }]);
  });
});

describe('processor-comma', () => {
  ruleCase(test, {
    name: 'an unquoted path with a comma',
    items: [ASP, String.raw`.x,[[C:\Program Files,x\isapi.dll]],1,GET,POST`],
    expected: [['processor-comma', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'an unquoted CGI path with a comma, and arguments',
    items: [ASP, String.raw`.x,[[C:\a,b\x.exe]] %s %s,1,GET,POST`],
    expected: [['processor-comma', 'error']],
  });
  ruleCase(test, {
    name: 'a quoted path with a comma: the range is the path inside the quotes',
    items: [ASP, String.raw`.x,&quot;[[C:\Program Files,x\cgi.exe]]&quot; %s %s,1,GET,POST`],
    expected: [['processor-comma', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'a quoted path with a comma in a single-quoted attribute',
    items: [ASP, String.raw`.x,"[[C:\Program Files,x\cgi.exe]]" %s %s,1,GET,POST`],
    layout: { quote: "'" },
    expected: [['processor-comma', 'error']],
  });
  ruleCase(test, {
    name: 'a comma in the path of a three-field item is a comma in the path, not too few fields',
    items: [ASP, String.raw`.x,[[C:\Program Files,x\isapi.dll]],1`],
    expected: [['processor-comma', 'error']],
  });
  test('literal range; the flags and verbs after it are not checked', () => {
    assert.deepEqual(check(metabase([String.raw`.x,C:\a,b\x.dll,y,get`])), [{ code: 'processor-comma', severity: 'error', range: r(4, 17, 4, 29) }]);
  });
});

describe('processor-unclosed-quote', () => {
  ruleCase(test, {
    name: 'an opening &quot; without its closing one, with arguments',
    items: [ASP, String.raw`.pl,[[&quot;C:\Program Files\Perl\bin\perl.exe %s %s]],5,GET,HEAD,POST`],
    expected: [['processor-unclosed-quote', 'error']],
    fixes: [{
      title: 'Close the quote after the program name', preferred: true,
      after: [ASP, String.raw`.pl,&quot;C:\Program Files\Perl\bin\perl.exe&quot; %s %s,5,GET,HEAD,POST`],
    }],
  });
  ruleCase(test, {
    name: 'a literal " in a single-quoted attribute',
    items: [ASP, String.raw`.pl,[["C:\Program Files\Perl\bin\perl.exe %s %s]],5,GET,HEAD,POST`],
    layout: { quote: "'" },
    expected: [['processor-unclosed-quote', 'error']],
    fixes: [{
      title: 'Close the quote after the program name', preferred: true,
      after: [ASP, String.raw`.pl,"C:\Program Files\Perl\bin\perl.exe" %s %s,5,GET,HEAD,POST`],
    }],
  });
  ruleCase(test, {
    name: 'an unclosed quote before a DLL path',
    items: [ASP, String.raw`.x,[[&quot;C:\Program Files\x\isapi.dll]],1,GET,POST`],
    expected: [['processor-unclosed-quote', 'error']],
    fixes: [{
      title: 'Close the quote after the program name', preferred: true,
      after: [ASP, String.raw`.x,&quot;C:\Program Files\x\isapi.dll&quot;,1,GET,POST`],
    }],
  });
  ruleCase(test, {
    name: 'no .dll or .exe to close after: no fix',
    items: [ASP, String.raw`.x,[[&quot;C:\Program Files\x\handler]],1,GET,POST`],
    expected: [['processor-unclosed-quote', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'the closing quote after the arguments instead of after the program name',
    items: [ASP, String.raw`.pl,[[&quot;C:\Program Files\Perl\bin\perl.exe ]]&quot;%s&quot; %s,5,GET,HEAD,POST`],
    expected: [['processor-unclosed-quote', 'error']],
    fixes: [{
      title: 'Close the quote after the program name', preferred: true,
      after: [ASP, String.raw`.pl,&quot;C:\Program Files\Perl\bin\perl.exe&quot; &quot;%s&quot; %s,5,GET,HEAD,POST`],
    }],
  });
  test('closing the quote of a CGI without arguments reveals cgi-missing-placeholder', () => {
    const text = metabase([String.raw`.pl,&quot;C:\Perl\bin\perl.exe,5,GET`]);
    const after = applyFix(text, 'processor-unclosed-quote', 'Close the quote after the program name');
    assert.equal(after, metabase([String.raw`.pl,&quot;C:\Perl\bin\perl.exe&quot;,5,GET`]));
    assert.deepEqual(codes(after), ['cgi-missing-placeholder']);
  });
  test('literal range: from the &quot; to the end of the field', () => {
    assert.deepEqual(check(metabase([String.raw`.x,&quot;C:\a b\x.exe %s,1,GET`])), [{ code: 'processor-unclosed-quote', severity: 'error', range: r(4, 17, 4, 38) }]);
  });
});

describe('unquoted-exe-path', () => {
  ruleCase(test, {
    name: 'a path that holds a quote already: no quoting fix',
    items: [ASP, String.raw`.x,[[C:\Program Files\a&quot;b\x.exe]] %s,5,GET`],
    expected: [['unquoted-exe-path', 'error']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'an .exe with spaces and arguments: only the executable is quoted',
    items: [ASP, String.raw`.pl,[[C:\Program Files\Perl\bin\perl.exe]] %s %s,5,GET,HEAD,POST`],
    expected: [['unquoted-exe-path', 'error']],
    fixes: [{
      title: 'Put the path in quotes', preferred: true,
      after: [ASP, String.raw`.pl,&quot;C:\Program Files\Perl\bin\perl.exe&quot; %s %s,5,GET,HEAD,POST`],
    }],
  });
  ruleCase(test, {
    name: 'in a single-quoted attribute the fix writes a literal "',
    items: [ASP, String.raw`.pl,[[C:\Program Files\Perl\bin\perl.exe]] "%s" %s,5,GET,HEAD,POST`],
    layout: { quote: "'" },
    expected: [['unquoted-exe-path', 'error']],
    fixes: [{
      title: 'Put the path in quotes', preferred: true,
      after: [ASP, String.raw`.pl,"C:\Program Files\Perl\bin\perl.exe" "%s" %s,5,GET,HEAD,POST`],
    }],
  });
  ruleCase(test, {
    name: 'an entity inside the path is kept encoded by the fix',
    items: [ASP, String.raw`.x,[[C:\Program Files\A&amp;B\x.exe]] %s,1,GET`],
    expected: [['unquoted-exe-path', 'error']],
    fixes: [{
      title: 'Put the path in quotes', preferred: true,
      after: [ASP, String.raw`.x,&quot;C:\Program Files\A&amp;B\x.exe&quot; %s,1,GET`],
    }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([String.raw`.pl,C:\Program Files\Perl\bin\perl.exe %s %s,5,GET`])), [
      { code: 'unquoted-exe-path', severity: 'error', range: r(4, 18, 4, 52) },
    ]);
  });
  test('quoted paths, and the 8.3 short name, are fine', () => {
    assert.deepEqual(codes(metabase([
      String.raw`.pl,&quot;C:\Program Files\Perl\bin\perl.exe&quot; &quot;%s&quot; %s,5,GET`,
      String.raw`.py,&#34;C:\Program Files\Python\python.exe&#34; %s %s,5,GET`,
      String.raw`.rb,C:\PROGRA~1\Ruby\bin\ruby.exe "%s" %s,5,GET`.replace(/"/g, '&quot;'),
    ])), []);
  });
});

describe('unquoted-dll-path', () => {
  ruleCase(test, {
    name: 'a DLL path with spaces (KB 276557)',
    items: [ASP, String.raw`*,[[c:\program files\exchsrvr\bin\msimsrv.dll]],1,GET,HEAD,POST`],
    expected: [['unquoted-dll-path', 'information']],
    fixes: [{
      title: 'Put the path in quotes', preferred: false,
      after: [ASP, String.raw`*,&quot;c:\program files\exchsrvr\bin\msimsrv.dll&quot;,1,GET,HEAD,POST`],
    }],
  });
  ruleCase(test, {
    name: 'in a single-quoted attribute',
    items: [ASP, String.raw`*,[[c:\program files\exchsrvr\bin\msimsrv.dll]],1,GET,HEAD,POST`],
    layout: { quote: "'" },
    expected: [['unquoted-dll-path', 'information']],
    fixes: [{
      title: 'Put the path in quotes', preferred: false,
      after: [ASP, String.raw`*,"c:\program files\exchsrvr\bin\msimsrv.dll",1,GET,HEAD,POST`],
    }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([String.raw`*,c:\program files\x.dll,1,GET`])), [{ code: 'unquoted-dll-path', severity: 'information', range: r(4, 16, 4, 38) }]);
  });
});

describe('processor-not-dll-or-exe', () => {
  ruleCase(test, {
    name: 'a .bat',
    items: [ASP, String.raw`.x,[[C:\scripts\run.bat]],1,GET,POST`],
    expected: [['processor-not-dll-or-exe', 'warning']],
    fixes: [],
  });
  ruleCase(test, {
    name: 'no extension at all',
    items: [ASP, String.raw`.x,[[C:\bin\handler]],1,GET,POST`],
    expected: [['processor-not-dll-or-exe', 'warning']],
  });
  test('.DLL and .EXE in upper case are fine', () => {
    assert.deepEqual(codes(metabase([String.raw`.x,C:\X\A.DLL,1,GET`, String.raw`.y,C:\X\A.EXE %s %s,1,GET`])), []);
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([String.raw`.x,C:\a.txt,1,GET`])), [{ code: 'processor-not-dll-or-exe', severity: 'warning', range: r(4, 17, 4, 25) }]);
  });
});

describe('dll-arguments', () => {
  ruleCase(test, {
    name: 'arguments after an unquoted DLL',
    items: [ASP, String.raw`.x,C:\isapi\x.dll [[%s %s]],1,GET,POST`],
    expected: [['dll-arguments', 'warning']],
    fixes: [{ title: 'Remove the arguments', preferred: true, after: [ASP, String.raw`.x,C:\isapi\x.dll,1,GET,POST`] }],
  });
  ruleCase(test, {
    name: 'arguments after a quoted DLL: the quotes stay',
    items: [ASP, String.raw`.x,&quot;C:\isapi\x.dll&quot; [[&quot;%s&quot;]],1,GET,POST`],
    expected: [['dll-arguments', 'warning']],
    fixes: [{ title: 'Remove the arguments', preferred: true, after: [ASP, String.raw`.x,&quot;C:\isapi\x.dll&quot;,1,GET,POST`] }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([String.raw`.x,C:\x.dll -v,1,GET`])), [{ code: 'dll-arguments', severity: 'warning', range: r(4, 26, 4, 28) }]);
  });
});

describe('processor-environment-variable', () => {
  ruleCase(test, {
    name: '%windir%',
    items: [ASP, String.raw`.x,[[%windir%]]\system32\inetsrv\asp.dll,5,GET,POST`],
    expected: [['processor-environment-variable', 'warning']],
    fixes: [],
  });
  ruleCase(test, {
    name: '%ProgramFiles(x86)% in the middle of a quoted exe path',
    items: [ASP, String.raw`.pl,&quot;C:\x\[[%ProgramFiles(x86)%]]\perl.exe&quot; %s %s,5,GET,POST`],
    expected: [['processor-environment-variable', 'warning']],
  });
  test('an environment variable is not also reported as a relative path', () => {
    assert.deepEqual(check(metabase([String.raw`.x,%SystemRoot%\system32\inetsrv\asp.dll,5,GET`])), [
      { code: 'processor-environment-variable', severity: 'warning', range: r(4, 17, 4, 29) },
    ]);
  });
  test('the %s placeholders are not environment variables', () => {
    assert.deepEqual(codes(metabase([String.raw`.pl,C:\Perl\bin\perl.exe %s %s,5,GET`])), []);
  });
});

describe('processor: no fixes where none make sense', () => {
  test('processor-relative and processor-not-dll-or-exe offer no quick fix', () => {
    assert.deepEqual(fixTitles(metabase(['.x,x.dll,1,GET']), 'processor-relative'), []);
    assert.deepEqual(fixTitles(metabase([String.raw`.x,C:\a.txt,1,GET`]), 'processor-not-dll-or-exe'), []);
  });
  test('IIS items stay silent', () => {
    assert.deepEqual(codes(metabase([ASP, IDC])), []);
  });
});
