/**
 * Preloaded into the benchmarked server (`node --import`): measures
 * event-loop delay. On SIGUSR2 it writes the figures since the previous
 * signal to BENCH_PROBE_FILE and starts afresh. Never loaded in production.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const figures = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), rssMb: Math.round(process.memoryUsage().rss / 1048576) };
  if (file) fs.writeFileSync(file, JSON.stringify(figures));
  histogram.reset();
});
