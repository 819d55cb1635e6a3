// Preload (`node -r bench/support/loop-stats.js`): every 5 s, the process's event-loop delay (p50, p99,
// max) and its garbage collections (count, total and longest pause) on stderr. For finding what makes a
// latency tail: a pause the loop cannot serve requests in.
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');
const { setInterval } = require('node:timers');

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let gc = { count: 0, total: 0, longest: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.total += entry.duration;
    gc.longest = Math.max(gc.longest, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
const ms = (ns) => (ns / 1e6).toFixed(2);
setInterval(() => {
  process.stderr.write(
    `[loop ${process.pid}] delay p50 ${ms(delay.percentile(50))} p99 ${ms(delay.percentile(99))} ` +
      `max ${ms(delay.max)} ms; gc ${gc.count}x, ${gc.total.toFixed(1)} ms, longest ${gc.longest.toFixed(2)} ms\n`,
  );
  delay.reset();
  gc = { count: 0, total: 0, longest: 0 };
}, 5_000).unref();
