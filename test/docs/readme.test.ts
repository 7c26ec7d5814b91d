// The README stays true to the rule table and to the files it shows.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SCHEMA_NOTIFICATION } from '../../server/src/lsp';
import { RULES } from '../../server/src/service';
import { RESULT_LIMIT_NOTIFICATION } from '../../server/src/resultLimit';

const README = readFileSync('README.md', 'utf8');

describe('README.md', () => {
  it('has a row for every rule, with its default severity and a link to its page', () => {
    for (const rule of RULES) {
      assert.ok(README.includes(`| [${rule.id}](docs/rules/${rule.id}.md) | ${rule.severity} | ${rule.title} |`), `no row for ${rule.id}`);
    }
  });

  it('counts the rules as the table does', () => {
    const counts = [...README.matchAll(/\[(\d+) rules\]\(docs\/rules\/README\.md\)/g)].map((m) => Number(m[1]));
    assert.deepEqual(counts, [RULES.length]);
  });

  it('links only to files that exist', () => {
    const links = [...README.matchAll(/\]\(((?:docs|bench)\/[^)#]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > RULES.length);
    for (const link of links) assert.ok(existsSync(link), `${link} does not exist`);
  });

  it("tells other LSP clients how to send a schema: the server's notification and initializationOptions key", () => {
    const editors = README.slice(README.indexOf('## Other editors'), README.indexOf('## Develop'));
    assert.ok(editors.includes(`the notification \`${SCHEMA_NOTIFICATION}\``), SCHEMA_NOTIFICATION);
    assert.ok(editors.includes('as `initializationOptions`: `{ "schema": { "text": "...", "uri": "..." } }`'));
  });

  it('tells other LSP clients the notification that says what the server cut of the outline and folding', () => {
    const editors = README.slice(README.indexOf('## Other editors'), README.indexOf('## Develop'));
    assert.ok(editors.includes(`the notification \`${RESULT_LIMIT_NOTIFICATION}\``), RESULT_LIMIT_NOTIFICATION);
  });

  it('names the scripts it tells the reader to run', () => {
    const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>);
    for (const [, name] of README.matchAll(/npm run ([\w:-]+)/g)) assert.ok(scripts.includes(name), `npm run ${name} is not a script`);
  });
});
