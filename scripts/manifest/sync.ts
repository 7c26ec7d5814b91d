// Rewrites the rule settings in package.json from the rule table. Run: npm run sync-manifest.
// Only contributes.configuration.properties changes; every other key is written back as it was read.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRuleSettings } from './configuration';

const file = join(__dirname, '..', '..', '..', 'package.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const configuration = manifest.contributes?.configuration;
if (!configuration?.properties) throw new Error('package.json has no contributes.configuration.properties');
configuration.properties = withRuleSettings(configuration.properties);
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${file}: ${Object.keys(configuration.properties).length} settings`);
