import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { RULES, docsUrl } from '../../server/src/service';
import { ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB, REPO, metabase, runCli, tempDir } from './helpers';

test('sarif: a 2.1.0 log with every rule and one result per problem', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'web site'));
  writeFileSync(join(dir, 'web site', 'MetaBase.xml'), metabase([ASP, PHP_BAD_FLAGS, SHTML_LOWER_VERB]));
  const result = runCli(['--format', 'sarif', 'web site/MetaBase.xml'], dir);
  assert.equal(result.status, 1);
  const log = JSON.parse(result.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
  assert.equal(run.tool.driver.name, 'metabase-lint');
  assert.equal(run.tool.driver.version, version);
  assert.equal(run.tool.driver.rules.length, RULES.length);
  const flags = run.tool.driver.rules.findIndex((r: { id: string }) => r.id === 'flags-not-a-number');
  assert.deepEqual(run.tool.driver.rules[flags], {
    id: 'flags-not-a-number',
    shortDescription: { text: 'Flags that are not a decimal number.' },
    fullDescription: { text: 'IIS cannot read the item and answers HTTP 500.' },
    helpUri: docsUrl('flags-not-a-number'),
    defaultConfiguration: { level: 'error' },
  });
  const levels = new Set(run.tool.driver.rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level));
  assert.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.results[0], {
    ruleId: 'flags-not-a-number',
    ruleIndex: flags,
    level: 'error',
    message: { text: "the flags '5x' are not a decimal number: IIS cannot read the item and answers HTTP 500" },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: 'web%20site/MetaBase.xml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 6, startColumn: 43, endLine: 6, endColumn: 45 },
      },
    }],
  });
  assert.deepEqual(run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`),
    ['flags-not-a-number error', 'verb-case warning']);
});

test('sarif: a result level follows a --rule override; a file outside the folder gets an absolute URI', (t) => {
  const dir = tempDir(t);
  const outside = tempDir(t);
  writeFileSync(join(outside, 'a.xml'), metabase([ASP, SHTML_LOWER_VERB]));
  const log = JSON.parse(runCli(['--format', 'sarif', '--rule', 'verb-case=information', join(outside, 'a.xml')], dir).stdout);
  const [result] = log.runs[0].results;
  assert.equal(result.level, 'note');
  assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(join(outside, 'a.xml')).href });
  assert.equal(log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'verb-case').defaultConfiguration.level, 'warning');
});
