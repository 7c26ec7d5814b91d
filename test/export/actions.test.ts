// The editor's "Copy as ..." actions: offered on a web key only, and what they copy.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseModel } from '../../server/src/service';
import { exportActions, exportAt } from '../../server/src/service/export/actions';
import { doc, wrapKeys } from '../service/helpers';

const TEXT = wrapKeys([
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tScriptMaps=".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET"',
  '\t>',
  '</IIsWebVirtualDir>',
  '<IIsFtpService\tLocation ="/LM/MSFTPSVC"',
  '\t>',
  '</IIsFtpService>',
]);
const document = doc(TEXT);
const model = parseModel(TEXT);
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

test('three commands on a web key, with the document and position; none on an FTP key or outside keys', () => {
  assert.deepEqual(exportActions(document, model, at(4, 5)), [
    { title: 'Copy as IIS 7+ handlers', command: { title: 'Copy as IIS 7+ handlers', command: 'iisMetabase.copyAsHandlers', arguments: [document.uri, { line: 4, character: 5 }] } },
    { title: 'Copy as appcmd commands', command: { title: 'Copy as appcmd commands', command: 'iisMetabase.copyAsAppcmd', arguments: [document.uri, { line: 4, character: 5 }] } },
    { title: 'Copy key as adsutil.vbs command', command: { title: 'Copy key as adsutil.vbs command', command: 'iisMetabase.copyKeyAsAdsutil', arguments: [document.uri, { line: 4, character: 5 }] } },
  ]);
  assert.deepEqual(exportActions(document, model, at(8, 3)), []);
  assert.deepEqual(exportActions(document, model, at(0, 0)), []);
});

test('the text copied is the export of the key under the position', () => {
  const copied = exportAt(document, model, { line: 4, character: 5 }, 'adsutil');
  assert.equal(copied?.location, '/LM/W3SVC/1/ROOT');
  assert.ok(copied?.text.includes('adsutil.vbs SET W3SVC/1/ROOT/ScriptMaps ".asp,C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET"\r\n'), copied?.text);
  assert.equal(exportAt(document, model, { line: 8, character: 3 }, 'handlers'), undefined);
});
