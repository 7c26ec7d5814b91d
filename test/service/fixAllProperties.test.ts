// Fix all on the property rules, as a whole text after the fix and the values as saxes decodes them: two
// renames to one name leave out those two only; a "did you mean" rename is applied only when the renamed
// property is one the key type may hold with a value IIS reads, and not offered when IIS would refuse the
// value; `&` between flag names is a separator.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oracleParse } from '../fuzz/oracle';
import { codes, fixAllText, fixTitles } from './helpers';
import { LAYOUTS, keyText } from './propertyRules';

/** The attributes of the key as saxes decodes them, `name=value`. */
function decoded(text: string): string[] {
  return oracleParse(text).attributes.filter((a) => a.element !== 'configuration').map((a) => `${a.name}=${a.value}`);
}

describe('fix all: two renames to one name', () => {
  const spec = (access: [string, string], rest: string[]) => ({ attributes: [`${access[0]}="AccessRead"`, `${access[1]}="AccessScript"`, ...rest] });
  for (const layout of LAYOUTS) {
    test(`the other fixes of the key are applied, the two renames are not [${layout.name}]`, () => {
      const text = keyText(spec(['AccesFlags', 'accessflags'], ['AuthFlags="AuthNTML"', 'AspEnableParentPaths="true"']), layout);
      const fixed = fixAllText(text);
      assert.equal(fixed, keyText(spec(['AccesFlags', 'accessflags'], ['AuthFlags="AuthNTLM"', 'AspEnableParentPaths="TRUE"']), layout));
      assert.deepEqual(decoded(fixed), ['Location=/LM/W3SVC/1/ROOT', 'AccesFlags=AccessRead', 'accessflags=AccessScript', 'AuthFlags=AuthNTLM', 'AspEnableParentPaths=TRUE']);
    });
  }
  test('each rename is still offered, neither preferred; alone, one is', () => {
    const text = keyText(spec(['AccesFlags', 'accessflags'], []));
    assert.deepEqual(fixTitles(text, 'property-unknown', undefined, 0), [['Change to AccessFlags', false]]);
    assert.deepEqual(fixTitles(text, 'property-unknown', undefined, 1), [['Change to AccessFlags', false]]);
    assert.deepEqual(fixTitles(keyText({ attributes: ['AccesFlags="AccessRead"'] }), 'property-unknown'), [['Change to AccessFlags', true]]);
  });
  test('a rename to a name of its own is applied beside the clash', () => {
    const text = keyText(spec(['AccessFlag', 'ACCESSFLAGS'], ['AuthFlag="AuthNTLM"']));
    assert.equal(fixAllText(text), keyText(spec(['AccessFlag', 'ACCESSFLAGS'], ['AuthFlags="AuthNTLM"'])));
  });
  test('the review\'s key: AllowKeepAlive\'s case and AuthFlags\' flag fixed (AllowKeepAlive stays where it is)', () => {
    const text = keyText(spec(['AccesFlags', 'accessflags'], ['AllowKeepAlive="true"', 'AuthFlags="AuthNTML"']));
    const fixed = fixAllText(text);
    assert.equal(fixed, keyText(spec(['AccesFlags', 'accessflags'], ['AllowKeepAlive="TRUE"', 'AuthFlags="AuthNTLM"'])));
    assert.deepEqual(codes(fixed), ['property-unknown', 'property-unknown', 'property-not-allowed']);
  });
});

describe('fix all: a rename only to a property the key may hold, with a value IIS reads', () => {
  test('AccessFlag with a valid flag set: renamed by fix all', () => {
    const text = keyText({ attributes: ['AccessFlag="AccessRead | AccessWrite | AccessExecute"'] });
    assert.deepEqual(fixTitles(text, 'property-unknown'), [['Change to AccessFlags', true]]);
    const fixed = fixAllText(text);
    assert.equal(fixed, keyText({ attributes: ['AccessFlags="AccessRead | AccessWrite | AccessExecute"'] }));
    assert.deepEqual(decoded(fixed), ['Location=/LM/W3SVC/1/ROOT', 'AccessFlags=AccessRead | AccessWrite | AccessExecute']);
  });
  test('ScriptMap with a script map (advice aside): renamed by fix all', () => {
    const text = keyText({ attributes: ['ScriptMap=".php,C:\\PHP\\php-cgi.exe,5"'] });
    assert.equal(fixAllText(text), keyText({ attributes: ['ScriptMaps=".php,C:\\PHP\\php-cgi.exe,5"'] }));
  });
  test('another list: ServerBinding renamed when its items are bindings, not offered when one is no binding', () => {
    const server = (binding: string, name = 'ServerBinding') => keyText({ type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: [`${name}="${binding}"`] });
    assert.equal(fixAllText(server(':80:\n\t\t\t:8080:')), server(':80:\n\t\t\t:8080:', 'ServerBindings'));
    assert.deepEqual(fixTitles(server(':80:\n\t\t\t80'), 'property-unknown'), []);
  });
  test('a list too long to judge at once (over 32,768 characters): offered, not applied', () => {
    const items = Array.from({ length: 600 }, (_, i) => `.a${i},C:\\WINDOWS\\system32\\inetsrv\\asp.dll,5,GET,HEAD,POST,TRACE`);
    assert.ok(items.join('\n\t\t\t').length > 32768);
    const text = keyText({ attributes: [`ScriptMap="${items.join('\n\t\t\t')}"`] });
    assert.deepEqual(fixTitles(text, 'property-unknown'), [['Change to ScriptMaps', false]]);
    assert.equal(fixAllText(text), text);
  });
  test('ScriptMap="x": as ScriptMaps the item is an error (HTTP 500): not offered, fix all leaves it', () => {
    const text = keyText({ attributes: ['ScriptMap="x"'] });
    assert.deepEqual(codes(text), ['property-unknown']);
    assert.deepEqual(fixTitles(text, 'property-unknown'), []);
    assert.equal(fixAllText(text), text);
  });
  test('a BOOL or DWORD value IIS refuses under the new name: not offered', () => {
    const server = { type: 'IIsWebServer', location: '/LM/W3SVC/1' };
    assert.deepEqual(fixTitles(keyText({ ...server, attributes: ['AllowKeepAlve="maybe"'] }), 'property-unknown'), []);
    assert.deepEqual(fixTitles(keyText({ attributes: ['AspScriptTimout="90s"'] }), 'property-unknown'), []);
    assert.deepEqual(fixTitles(keyText({ attributes: ['AccessFlag="AccessRead | AccessWhatever"'] }), 'property-unknown'), []);
  });
  test('of two near names, the one IIS would refuse the value under is left out; the other is not preferred', () => {
    // ServerCommand is a DWORD: 'x' is no number. ServerComment is a string.
    const text = keyText({ type: 'IIsWebServer', location: '/LM/W3SVC/1', attributes: ['ServerCommenx="x"'] });
    assert.deepEqual(fixTitles(text, 'property-unknown'), [['Change to ServerComment', false]]);
    assert.equal(fixAllText(text), text);
  });
  test('AppPoolld on an FTP virtual directory: AppPoolId offered, not applied (the key type may not hold it)', () => {
    const text = keyText({ type: 'IIsFtpVirtualDir', location: '/LM/MSFTPSVC/1/ROOT', attributes: ['AppPoolld="DefaultAppPool"'] });
    assert.deepEqual(fixTitles(text, 'property-unknown'), [['Change to AppPoolId', false]]);
    assert.equal(fixAllText(text), text);
  });
  test('a value with a warning under the new name (out of the schema\'s range): offered, not applied', () => {
    const text = keyText({ type: 'IIsApplicationPool', location: '/LM/W3SVC/AppPools/A', attributes: ['AppPoolQueueLenght="5"'] });
    assert.deepEqual(fixTitles(text, 'property-unknown'), [['Change to AppPoolQueueLength', false]]);
    assert.equal(fixAllText(text), text);
  });
  test('the review\'s file: only AccessFlag is renamed', () => {
    const ftp = keyText({ type: 'IIsFtpVirtualDir', location: '/LM/MSFTPSVC/1/ROOT', attributes: ['AppPoolld="DefaultAppPool"'] });
    const web = (names: [string, string]) => keyText({ attributes: [`${names[0]}="x"`, `${names[1]}="AccessRead | AccessWrite | AccessExecute"`] });
    assert.equal(fixAllText(ftp), ftp);
    assert.equal(fixAllText(web(['ScriptMap', 'AccessFlag'])), web(['ScriptMap', 'AccessFlags']));
  });
});

describe('fix all: & between flag names', () => {
  for (const layout of LAYOUTS) {
    test(`'AccessRead &amp; AccessScript' becomes 'AccessRead | AccessScript' [${layout.name}]`, () => {
      const text = keyText({ attributes: ['AccessFlags="AccessRead &amp; AccessScript"', 'AuthFlags="AuthBasic&amp;AuthNTLM"'] }, layout);
      assert.deepEqual(codes(text), ['flagset-separator', 'flagset-separator']);
      const fixed = fixAllText(text);
      assert.equal(fixed, keyText({ attributes: ['AccessFlags="AccessRead | AccessScript"', 'AuthFlags="AuthBasic | AuthNTLM"'] }, layout));
      assert.deepEqual(decoded(fixed), ['Location=/LM/W3SVC/1/ROOT', 'AccessFlags=AccessRead | AccessScript', 'AuthFlags=AuthBasic | AuthNTLM']);
      assert.deepEqual(codes(fixed), []);
    });
  }
  test('the separator is one finding, with its fix preferred', () => {
    assert.deepEqual(fixTitles(keyText({ attributes: ['AccessFlags="AccessRead &amp; AccessScript"'] }), 'flagset-separator'), [["Change to ' | '", true]]);
  });
});
