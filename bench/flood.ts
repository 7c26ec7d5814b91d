// The edit-flood benchmark: a 2.5 MB document edited every 10 ms for 20 s (or --seconds N), hovered every
// 100 ms; prints hover latency (p50, p95, max), publishes and the server's peak RSS.
// Usage: npm run bench:flood [-- --seconds N]

import { flood, summary } from '../test/protocol/flood';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--seconds');
  const seconds = at > 0 ? Number(process.argv[at + 1]) : 20;
  const result = await flood({ bytes: 2_500_000, seconds, editEveryMs: 10 });
  console.log(`flood ${seconds} s, 2.5 MB, an edit every 10 ms: ${summary(result)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
