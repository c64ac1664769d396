// NODE_OPTIONS="--import=<this file>" HEAP_LOG=<file>: each full collection of the process (and of
// its threads) appends a line to HEAP_LOG — pid, thread, program, ms since start, the collection's
// pause (ms), and in MB the heap used after it (what it kept alive), the heap V8 has reserved, memory
// outside the heap (zlib, buffers) and the RSS. Node takes no --trace-gc from NODE_OPTIONS; this works wherever NODE_OPTIONS
// reaches (npm start's server, the artifact proxy), with no change to the program measured.
import { appendFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { threadId } from 'node:worker_threads';

const file = process.env.HEAP_LOG;
if (file) {
  const program = (process.argv[1] ?? '').split('/').slice(-2).join('/');
  const mb = (n) => (n / 1048576).toFixed(1);
  const started = performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      const heap = v8.getHeapStatistics();
      const { external, rss } = process.memoryUsage();
      const line = { pid: process.pid, thread: threadId, program, ms: Math.round(performance.now() - started), pauseMs: Math.round(entry.duration * 10) / 10, usedMb: mb(heap.used_heap_size), heapMb: mb(heap.total_heap_size), externalMb: mb(external), rssMb: mb(rss), limitMb: mb(heap.heap_size_limit) };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
}
