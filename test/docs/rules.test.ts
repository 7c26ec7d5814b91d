// The rule pages in docs/rules: one per rule of RULES, each stating the rule's default severity and setting,
// with a "Bad" example that the language service really flags with that rule (and nothing else), a "Good"
// example it finds nothing in, and the quick fixes the service really offers on the "Bad" example.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { MetabaseSettings, RULES, codeActions, fixAll, parseModel, validate } from '../../server/src/service';
import { DOCS, asDocument, readPage, section, settingsFor, xmlExample } from './pages';

const SEVERITY_NAME: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
};

interface Checked {
  document: TextDocument;
  diagnostics: Diagnostic[];
}

function check(text: string, settings: MetabaseSettings): Checked {
  const document = TextDocument.create('file:///docs/MetaBase.xml', 'iis-metabase', 1, text);
  return { document, diagnostics: validate(document, parseModel(text), settings) };
}

const codes = (c: Checked) => c.diagnostics.map((d) => `${d.code}: ${typeof d.message === 'string' ? d.message : d.message.value}`);

// IIS writes CRLF; files that went through git may hold LF. Every example must hold with both.
const ENDINGS = [['LF', '\n'], ['CRLF', '\r\n']] as const;

describe('docs/rules', () => {
  it('has a page for every rule, and no page for anything else', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)).sort();
    assert.deepEqual(pages, RULES.map((r) => r.id).sort());
    assert.deepEqual(readdirSync(DOCS).filter((f) => !f.endsWith('.md')), [], 'only markdown pages in docs/rules');
  });

  it('README.md lists every rule with its severity and title', () => {
    const readme = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const rule of RULES) {
      const rows = readme.split('\n').filter((l) => l.startsWith(`| [${rule.id}](./${rule.id}.md) |`));
      assert.equal(rows.length, 1, `README.md: one table row for ${rule.id}`);
      assert.equal(rows[0], `| [${rule.id}](./${rule.id}.md) | ${rule.severity} | ${rule.title} |`);
    }
    const linked = [...readme.matchAll(/\]\(\.\/([\w.-]+)\.md\)/g)].map((m) => m[1]);
    for (const id of linked) assert.ok(existsSync(join(DOCS, `${id}.md`)), `README.md links to a missing page ${id}.md`);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const page = () => readPage(rule.id);

      it('starts with the id, then the title, default severity and setting', () => {
        const lines = page().split('\n');
        assert.equal(lines[0], `# ${rule.id}`);
        assert.equal(lines[1], '');
        assert.equal(lines[2], `${rule.title} Default severity: **${rule.severity}**. Setting: \`iisMetabase.rules.${rule.id}\`.`);
      });

      it('has the sections Why, Bad, Good, Quick fixes, Related in that order', () => {
        const headings = page().split('\n').filter((l) => l.startsWith('## '));
        assert.deepEqual(headings, ['## Why', '## Bad', '## Good', '## Quick fixes', '## Related']);
      });

      it('writes its examples in the layout IIS writes (TAB indentation)', () => {
        for (const heading of ['Bad', 'Good']) {
          const example = xmlExample(page(), heading);
          for (const line of example.split('\n')) assert.ok(!/^ /.test(line), `${heading}: line indented with spaces: ${JSON.stringify(line)}`);
          if (!example.startsWith('<?xml')) assert.match(example, /^<\w+\tLocation ="/, `${heading}: a key starts with <Type TAB Location ="`);
        }
      });

      for (const [name, eol] of ENDINGS) {
        it(`Bad example (${name}) is flagged by ${rule.id} at its default severity, and by nothing else`, () => {
          const result = check(asDocument(xmlExample(page(), 'Bad')).replace(/\n/g, eol), settingsFor(rule));
          const own = result.diagnostics.filter((d) => d.code === rule.id);
          assert.ok(own.length > 0, `no ${rule.id} diagnostic; got ${JSON.stringify(codes(result))}`);
          for (const d of own) assert.equal(SEVERITY_NAME[d.severity!], rule.severity);
          assert.deepEqual(result.diagnostics.filter((d) => d.code !== rule.id).map((d) => d.code), [],
            `the Bad example should show ${rule.id} alone; got ${JSON.stringify(codes(result))}`);
        });

        it(`Good example (${name}) has no diagnostic at all`, () => {
          const result = check(asDocument(xmlExample(page(), 'Good')).replace(/\n/g, eol), settingsFor(rule));
          assert.deepEqual(codes(result), []);
        });
      }

      it('lists exactly the quick fixes offered on the Bad example, marking the preferred one', () => {
        const text = asDocument(xmlExample(page(), 'Bad'));
        const { document } = check(text, settingsFor(rule));
        const model = parseModel(text);
        const all = { start: document.positionAt(0), end: document.positionAt(text.length) };
        const actions = codeActions(document, model, all, ['quickfix'], settingsFor(rule))
          .filter((a) => a.diagnostics?.some((d) => d.code === rule.id));
        const offered = new Map(actions.map((a) => [a.title, a.isPreferred === true]));
        const fixes = section(page(), 'Quick fixes');
        const bullets = fixes.split('\n').filter((l) => l.startsWith('- '));
        if (offered.size === 0) {
          assert.ok(bullets.length > 0 && bullets.every((b) => b.startsWith('- None')), 'no fix is offered: the section should say "- None"');
          return;
        }
        const listed = bullets.map((b) => /^- `([^`]+)`/.exec(b)?.[1]);
        assert.ok(listed.every((t) => t !== undefined), 'each bullet starts with a fix title in backticks');
        assert.deepEqual([...listed].sort(), [...offered.keys()].sort(), 'the bullets name the fixes offered on the Bad example');
        for (const bullet of bullets) {
          const title = /^- `([^`]+)`/.exec(bullet)![1];
          assert.equal(bullet.includes('**Preferred**'), offered.get(title), `'${title}' is ${offered.get(title) ? '' : 'not '}preferred`);
        }
      });

      it('"fix all" clears the diagnostic of the Bad example exactly when a preferred fix is offered', () => {
        const text = asDocument(xmlExample(page(), 'Bad'));
        const { document } = check(text, settingsFor(rule));
        const model = parseModel(text);
        const all = { start: document.positionAt(0), end: document.positionAt(text.length) };
        const preferred = codeActions(document, model, all, ['quickfix'], settingsFor(rule))
          .some((a) => a.isPreferred && a.diagnostics?.some((d) => d.code === rule.id));
        const fixed = check(TextDocument.applyEdits(document, fixAll(document, model, settingsFor(rule))), settingsFor(rule));
        const left = fixed.diagnostics.filter((d) => d.code === rule.id);
        if (preferred) assert.deepEqual(codes({ ...fixed, diagnostics: left }), [], 'fix all leaves the diagnostic');
        else assert.ok(left.length > 0, 'no preferred fix, yet fix all made the diagnostic go away');
      });

      it('links only to pages that exist', () => {
        const links = [...page().matchAll(/\]\(\.\/([\w.-]+)\)/g)].map((m) => m[1]);
        assert.ok(links.length > 0, 'a Related section with links');
        for (const link of links) assert.ok(existsSync(join(DOCS, link)), `link to a missing page ./${link}`);
      });
    });
  }
});
