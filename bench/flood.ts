// The edit-flood benchmark: a 2.5 MB document edited every 10 ms for 20 s (or --seconds N), hovered every
// 100 ms, once for each edit pattern (see FloodOptions.pattern); prints hover latency (p50, p95, max),
// publishes and the server's peak RSS; --big-key adds a run typing in a 10,000-item key.
// Usage: npm run bench:flood [-- --seconds N] [--big-key]

import { flood, summary } from '../test/protocol/flood';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--seconds');
  const seconds = at > 0 ? Number(process.argv[at + 1]) : 20;
  for (const pattern of ['typing', 'two-places'] as const) {
    const result = await flood({ bytes: 2_500_000, seconds, editEveryMs: 10, pattern });
    console.log(`flood ${seconds} s, 2.5 MB, an edit every 10 ms (${pattern}): ${summary(result)}`);
  }
  if (process.argv.includes('--big-key')) {
    const result = await flood({ bytes: 2_500_000, seconds, editEveryMs: 10, bigKeyItems: 10_000 });
    console.log(`flood ${seconds} s, 2.5 MB, an edit every 10 ms typed in a 10,000-item key: ${summary(result)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
