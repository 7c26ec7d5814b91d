// package.json as VS Code and vsce read it: settings generated from the rule table, and every file the
// manifest names present (and let through by .vscodeignore).

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES, docsUrl, settingName } from '../../server/src/service';
import { RULE_SETTING_PREFIX, ruleSettings } from '../../scripts/manifest/configuration';
import { MAX_ITEMS_SETTING } from '../../server/src/resultLimit';
import { DEFAULT_SERVER_SETTINGS } from '../../server/src/settings';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;

describe('package.json', () => {
  it('has exactly the rule settings the rule table makes, in its order (fix: npm run sync-manifest)', () => {
    const inManifest = Object.fromEntries(Object.entries(properties).filter(([key]) => key.startsWith(RULE_SETTING_PREFIX)));
    assert.deepEqual(inManifest, ruleSettings());
    assert.deepEqual(Object.keys(inManifest), RULES.map((r) => settingName(r.id)));
  });

  it('gives each rule setting its severity as default and a link to its page', () => {
    for (const rule of RULES) {
      const setting = properties[settingName(rule.id)];
      assert.equal(setting.default, rule.severity, rule.id);
      assert.deepEqual(setting.enum, ['off', 'information', 'warning', 'error'], rule.id);
      assert.ok(String(setting.markdownDescription).includes(`](${docsUrl(rule.id)})`), rule.id);
    }
  });

  it('declares the settings the server and the client read', () => {
    assert.deepEqual(properties['iisMetabase.enable'].default, true);
    assert.deepEqual(properties['iisMetabase.validate'].enum, ['onType', 'onSave']);
    assert.deepEqual(properties['iisMetabase.trace.server'].enum, ['off', 'messages', 'verbose']);
    // The setting the client's language status links to, with the server's default.
    assert.deepEqual([properties[MAX_ITEMS_SETTING].default, properties[MAX_ITEMS_SETTING].minimum], [DEFAULT_SERVER_SETTINGS.maxItemsComputed, 1]);
  });

  it('names files that exist and that .vscodeignore lets into the package', () => {
    // The extension needs its own files and the server it starts; the other bins are for npm only.
    const allowed = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/)
      .filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    const named = [
      manifest.main, manifest.icon, manifest.bin['iis-metabase-language-server'],
      ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ].map((path: string) => path.replace(/^\.\//, ''));
    for (const path of named) {
      assert.ok(allowed.includes(path), `${path} is not let through by .vscodeignore`);
      if (!path.startsWith('dist/')) assert.ok(existsSync(join(ROOT, path)), `${path} is missing`);
    }
  });

  it('activates on the language it contributes, whose grammar has the scope the grammar file declares', () => {
    const [language] = manifest.contributes.languages;
    assert.deepEqual(manifest.activationEvents, [`onLanguage:${language.id}`]);
    const [grammar] = manifest.contributes.grammars;
    assert.equal(grammar.language, language.id);
    assert.equal(JSON.parse(readFileSync(join(ROOT, grammar.path), 'utf8')).scopeName, grammar.scopeName);
  });
});
