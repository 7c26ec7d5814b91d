// The version in package.json, found by walking up from this file: the compiled CLI lives in
// out/server/src/cli/, the bundle in dist/, and both ship next to the project's package.json.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'iis-metabase';

export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && manifest.version) return manifest.version;
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
