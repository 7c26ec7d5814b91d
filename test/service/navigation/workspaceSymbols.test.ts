// Workspace symbols: sites, virtual directories, directories and pools whose name holds the query's
// characters in order, ignoring case; the container is the Location, the location the key element.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { workspaceSymbols } from '../../../server/src/service';
import { URI } from '../helpers';
import { keyOf, open } from './fixture';

const o = open();
const names = (query: string) => workspaceSymbols(o.document, o.model, query).map((s) => [s.name, s.containerName]);

describe('workspace symbols', () => {
  test('no query: every site, vdir, directory and pool, in document order', () => {
    assert.deepEqual(names(''), [
      ['Default Web Site (1)', '/LM/W3SVC/1'],
      ['ROOT', '/LM/W3SVC/1/ROOT'],
      ['app', '/LM/W3SVC/1/ROOT/app'],
      ['img', '/LM/W3SVC/1/ROOT/app/img'],
      ['DefaultAppPool', '/LM/W3SVC/AppPools/DefaultAppPool'],
      ['Shop & Co', '/LM/W3SVC/AppPools/Shop & Co'],
    ]);
  });

  test('the query\'s characters in order, ignoring case and spaces', () => {
    assert.deepEqual(names('DEF'), [['Default Web Site (1)', '/LM/W3SVC/1'], ['DefaultAppPool', '/LM/W3SVC/AppPools/DefaultAppPool']]);
    assert.deepEqual(names('web site'), [['Default Web Site (1)', '/LM/W3SVC/1']]);
    assert.deepEqual(names('s&c'), [['Shop & Co', '/LM/W3SVC/AppPools/Shop & Co']]);
    assert.deepEqual(names('zz'), []);
  });

  test('kind and location', () => {
    const [site] = workspaceSymbols(o.document, o.model, 'Default Web');
    assert.deepEqual(site, {
      name: 'Default Web Site (1)', kind: SymbolKind.Module, containerName: '/LM/W3SVC/1',
      location: { uri: URI, range: keyOf(o, 'IIsWebServer', '/LM/W3SVC/1') },
    });
  });
});
