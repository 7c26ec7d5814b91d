// The README's main job ends here: lint the bundled example with the built CLI. The example holds
// deliberate mistakes, so the CLI's "errors found" (exit 1) is the expected outcome; anything else
// (no errors at all, bad usage, a crash) fails the job.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['dist/cli.js', 'examples/MetaBase.xml'], { stdio: 'inherit' });
if (result.status === 1) {
  console.log('metabase-lint found the deliberate mistakes of examples/MetaBase.xml (exit 1, as expected).');
  process.exit(0);
}
console.error(`metabase-lint exited with ${result.status ?? result.signal} on examples/MetaBase.xml; expected 1 (errors found).`);
process.exit(1);
