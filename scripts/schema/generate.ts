// Regenerates the schema facts table from the committed MBSchema.xml. Run: npm run schema.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSchema } from '../../server/src/service/schema';
import { GENERATED_PATH, SCHEMA_PATH, renderTable } from './render';

const root = join(__dirname, '..', '..', '..');
const table = parseSchema(readFileSync(join(root, SCHEMA_PATH), 'utf8'));
const text = renderTable(table);
writeFileSync(join(root, GENERATED_PATH), text);
console.log(`${GENERATED_PATH}: ${table.properties.length} properties, ${table.keyTypes.length} key types, ${Buffer.byteLength(text)} bytes`);
