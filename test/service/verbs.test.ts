// verbs-missing, verb-empty, verb-spaces, verb-case, verb-invalid, verb-unknown, verb-duplicate.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASP, applyFix, assertDiagnostics, check, codes, diagnostics, fixAllText, fixTitles, metabase, r, ruleCase } from './helpers';

const P = String.raw`.x,C:\isapi\x.dll,1`;

describe('verbs-missing', () => {
  ruleCase(test, {
    name: 'a three-field item: the whole item',
    items: [ASP, `[[${P}]]`],
    expected: [['verbs-missing', 'information']],
    fixes: [{ title: 'Add the verbs GET,HEAD,POST', after: [ASP, `${P},GET,HEAD,POST`] }],
  });
  ruleCase(test, {
    name: '.cer: the verbs IIS writes for it come first',
    items: [ASP, String.raw`[[.cer,C:\WINDOWS\system32\inetsrv\asp.dll,5]]`],
    expected: [['verbs-missing', 'information']],
    fixes: [
      { title: 'Add the verbs GET,HEAD,POST,TRACE', after: [ASP, String.raw`.cer,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET,HEAD,POST,TRACE`] },
      { title: 'Add the verbs GET,HEAD,POST', after: [ASP, String.raw`.cer,C:\WINDOWS\system32\inetsrv\asp.dll,5,GET,HEAD,POST`] },
    ],
  });
  ruleCase(test, {
    name: '.aspx: GET,HEAD,POST,DEBUG',
    items: [ASP, String.raw`[[.aspx,C:\WINDOWS\Microsoft.NET\Framework\v2.0.50727\aspnet_isapi.dll,1]]`],
    expected: [['verbs-missing', 'information']],
    fixes: [
      { title: 'Add the verbs GET,HEAD,POST,DEBUG', after: [ASP, String.raw`.aspx,C:\WINDOWS\Microsoft.NET\Framework\v2.0.50727\aspnet_isapi.dll,1,GET,HEAD,POST,DEBUG`] },
      { title: 'Add the verbs GET,HEAD,POST', after: [ASP, String.raw`.aspx,C:\WINDOWS\Microsoft.NET\Framework\v2.0.50727\aspnet_isapi.dll,1,GET,HEAD,POST`] },
    ],
  });
  ruleCase(test, {
    name: '.idc: GET,POST',
    items: [ASP, String.raw`[[.idc,C:\WINDOWS\system32\inetsrv\httpodbc.dll,5]]`],
    expected: [['verbs-missing', 'information']],
    fixes: [
      { title: 'Add the verbs GET,POST', after: [ASP, String.raw`.idc,C:\WINDOWS\system32\inetsrv\httpodbc.dll,5,GET,POST`] },
      { title: 'Add the verbs GET,HEAD,POST', after: [ASP, String.raw`.idc,C:\WINDOWS\system32\inetsrv\httpodbc.dll,5,GET,HEAD,POST`] },
    ],
  });
  ruleCase(test, {
    name: 'an item ending with an entity: the verbs go after it',
    items: [ASP, String.raw`[[.cgi,C:\cgi\handler.exe &quot;%s&quot;,1]]`],
    expected: [['verbs-missing', 'information']],
    fixes: [{ title: 'Add the verbs GET,HEAD,POST', after: [ASP, String.raw`.cgi,C:\cgi\handler.exe &quot;%s&quot;,1,GET,HEAD,POST`] }],
  });
  test('literal range', () => {
    assert.deepEqual(check(metabase([P])), [{ code: 'verbs-missing', severity: 'information', range: r(4, 14, 4, 33) }]);
  });
});

describe('verb-empty', () => {
  ruleCase(test, {
    name: 'two commas in a row: the comma after the previous verb',
    items: [ASP, `${P},GET[[,]],POST`],
    expected: [['verb-empty', 'warning']],
    fixes: [{ title: 'Remove the empty verb', preferred: true, after: [ASP, `${P},GET,POST`] }, { title: 'Normalise the verbs to GET,POST', after: [ASP, `${P},GET,POST`] }],
  });
  ruleCase(test, {
    name: 'a trailing comma',
    items: [ASP, `${P},GET,HEAD[[,]]`],
    expected: [['verb-empty', 'warning']],
    fixes: [{ title: 'Remove the empty verb', preferred: true, after: [ASP, `${P},GET,HEAD`] }, { title: 'Normalise the verbs to GET,HEAD', after: [ASP, `${P},GET,HEAD`] }],
  });
  ruleCase(test, {
    name: 'a trailing comma after the flags: dropped (an empty list, like none, lets every verb through), or the usual verbs',
    items: [ASP, `${P}[[,]]`],
    expected: [['verb-empty', 'warning']],
    fixes: [
      { title: 'Remove the empty verb', preferred: true, after: [ASP, P], remaining: ['verbs-missing'] },
      { title: 'Write the verbs GET,HEAD,POST', preferred: false, after: [ASP, `${P},GET,HEAD,POST`] },
    ],
  });
  ruleCase(test, {
    name: 'two commas after the flags and no verb: fix-all drops both',
    items: [ASP, `${P}[[,]][[,]]`],
    expected: [['verb-empty', 'warning'], ['verb-empty', 'warning']],
    fixes: [
      { title: 'Remove the empty verb', preferred: true, after: [ASP, `${P},`], remaining: ['verb-empty'] },
      { title: 'Write the verbs GET,HEAD,POST', preferred: false, after: [ASP, `${P},GET,HEAD,POST`] },
    ],
  });
  test('messages tell a trailing comma from two commas', () => {
    const text = metabase([`${P},GET,,POST`, `.y,C:\\y.dll,1,GET,`]);
    assert.deepEqual(check(text), [
      { code: 'verb-empty', severity: 'warning', range: r(4, 37, 4, 38) },
      { code: 'verb-empty', severity: 'warning', range: r(5, 20, 5, 21) },
    ]);
    assert.deepEqual(diagnostics(text).map((d) => d.message), ['an empty verb between two commas', 'a trailing comma leaves an empty verb']);
  });
});

describe('verb-spaces', () => {
  ruleCase(test, {
    name: "Microsoft's example 'GET, HEAD, POST'",
    items: [ASP, `${P},GET,[[ HEAD]],[[ POST]]`],
    expected: [['verb-spaces', 'warning'], ['verb-spaces', 'warning']],
    fixes: [
      { title: "Trim the verb 'HEAD'", preferred: true, after: [ASP, `${P},GET,HEAD, POST`], remaining: ['verb-spaces'] },
      { title: 'Normalise the verbs to GET,HEAD,POST', after: [ASP, `${P},GET,HEAD,POST`] },
    ],
  });
  ruleCase(test, {
    name: 'a trailing space',
    items: [ASP, `${P},[[GET ]],POST`],
    expected: [['verb-spaces', 'warning']],
    fixes: [{ title: "Trim the verb 'GET'", preferred: true, after: [ASP, `${P},GET,POST`] }, { title: 'Normalise the verbs to GET,POST', after: [ASP, `${P},GET,POST`] }],
  });
});

describe('verb-case', () => {
  ruleCase(test, {
    name: 'get',
    items: [ASP, `${P},[[get]],HEAD,POST`],
    expected: [['verb-case', 'warning']],
    fixes: [{ title: "Write 'GET'", preferred: true, after: [ASP, `${P},GET,HEAD,POST`] }, { title: 'Normalise the verbs to GET,HEAD,POST', after: [ASP, `${P},GET,HEAD,POST`] }],
  });
  ruleCase(test, {
    name: 'Propfind (WebDAV)',
    items: [ASP, `${P},GET,[[Propfind]]`],
    expected: [['verb-case', 'warning']],
    fixes: [{ title: "Write 'PROPFIND'", preferred: true, after: [ASP, `${P},GET,PROPFIND`] }, { title: 'Normalise the verbs to GET,PROPFIND', after: [ASP, `${P},GET,PROPFIND`] }],
  });
});

describe('verb-invalid', () => {
  ruleCase(test, {
    name: 'a character that is not a token character',
    items: [ASP, `${P},GET,[[G(T]]`],
    expected: [['verb-invalid', 'warning']],
    fixes: [{ title: "Remove the verb 'G(T'", preferred: false, after: [ASP, `${P},GET`] }],
  });
  ruleCase(test, {
    name: 'the first verb: its comma goes with it',
    items: [ASP, `${P},[[G/T]],POST`],
    expected: [['verb-invalid', 'warning']],
    fixes: [{ title: "Remove the verb 'G/T'", preferred: false, after: [ASP, `${P},POST`] }],
  });
  ruleCase(test, {
    name: 'the only verb: replaced by the usual verbs, never removed',
    items: [ASP, `${P},[[G E T]]`],
    expected: [['verb-invalid', 'warning']],
    fixes: [{ title: "Replace 'G E T' with GET,HEAD,POST", preferred: false, after: [ASP, `${P},GET,HEAD,POST`] }],
  });
});

describe('verb-unknown', () => {
  ruleCase(test, {
    name: 'a custom method is information',
    items: [ASP, `${P},GET,[[FOO]],POST`],
    expected: [['verb-unknown', 'information']],
    fixes: [{ title: "Remove the verb 'FOO'", preferred: false, after: [ASP, `${P},GET,POST`] }],
  });
  ruleCase(test, {
    name: 'the only verb of .idc',
    items: [ASP, String.raw`.idc,C:\WINDOWS\system32\inetsrv\httpodbc.dll,5,[[FOO]]`],
    expected: [['verb-unknown', 'information']],
    fixes: [{ title: "Replace 'FOO' with GET,POST", preferred: false, after: [ASP, String.raw`.idc,C:\WINDOWS\system32\inetsrv\httpodbc.dll,5,GET,POST`] }],
  });
  test('known methods, WebDAV, Exchange and RPC over HTTP are silent', () => {
    assert.deepEqual(codes(metabase([
      `${P},GET,HEAD,POST,PUT,DELETE,OPTIONS,TRACE,CONNECT,PATCH,DEBUG,TRACK`,
      String.raw`.y,C:\y.dll,1,PROPFIND,PROPPATCH,MKCOL,COPY,MOVE,LOCK,UNLOCK,SEARCH`,
      String.raw`.z,C:\z.dll,1,BCOPY,BDELETE,BMOVE,BPROPFIND,BPROPPATCH,NOTIFY,POLL,SUBSCRIBE,UNSUBSCRIBE,X-MS-ENUMATTS`,
      String.raw`.rpc,C:\WINDOWS\System32\RpcProxy\RpcProxy.dll,3,RPC_IN_DATA,RPC_OUT_DATA`,
    ])), []);
  });
});

describe('verb-duplicate', () => {
  ruleCase(test, {
    name: 'GET twice',
    items: [ASP, `${P},GET,HEAD,[[GET]]`],
    expected: [['verb-duplicate', 'information']],
    fixes: [{ title: "Remove the repeated 'GET'", preferred: true, after: [ASP, `${P},GET,HEAD`] }, { title: 'Normalise the verbs to GET,HEAD', after: [ASP, `${P},GET,HEAD`] }],
  });
  ruleCase(test, {
    name: 'a repeat in another case is a duplicate (and nothing else)',
    items: [ASP, `${P},GET,[[get]],POST`],
    expected: [['verb-duplicate', 'information']],
    fixes: [{ title: "Remove the repeated 'get'", preferred: true, after: [ASP, `${P},GET,POST`] }, { title: 'Normalise the verbs to GET,POST', after: [ASP, `${P},GET,POST`] }],
  });
});

describe('verbs: several faults in one item', () => {
  test('each is reported with its own fix, and normalising the list clears them all', () => {
    const text = assertDiagnostics(metabase([ASP, `${P},[[get]],[[ HEAD]][[,]],[[GET]]`]), [
      ['verb-case', 'warning'], ['verb-spaces', 'warning'], ['verb-empty', 'warning'], ['verb-duplicate', 'information'],
    ]);
    assert.deepEqual(fixTitles(text, 'verb-case'), [["Write 'GET'", true], ['Normalise the verbs to GET,HEAD', false]]);
    assert.deepEqual(fixTitles(text, 'verb-spaces'), [["Trim the verb 'HEAD'", true], ['Normalise the verbs to GET,HEAD', false]]);
    assert.deepEqual(fixTitles(text, 'verb-empty'), [['Remove the empty verb', true], ['Normalise the verbs to GET,HEAD', false]]);
    assert.deepEqual(fixTitles(text, 'verb-duplicate'), [["Remove the repeated 'GET'", true], ['Normalise the verbs to GET,HEAD', false]]);
    assert.equal(fixAllText(text), metabase([ASP, `${P},GET,HEAD`]));
    const after = applyFix(text, 'verb-spaces', 'Normalise the verbs to GET,HEAD');
    assert.equal(after, metabase([ASP, `${P},GET,HEAD`]));
    assert.deepEqual(codes(after), []);
  });
});
