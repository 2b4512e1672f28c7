/**
 * Preloaded (`node -r`) into every process `npm run bench` starts: on exit, writes the process's
 * peak resident set size (`process.resourceUsage().maxRSS`, in KiB) to the file named by
 * `BENCH_RSS_FILE`. The case itself needs no cooperation, so the figure is the whole process.
 */
import * as fs from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
