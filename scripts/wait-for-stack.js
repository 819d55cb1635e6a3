#!/usr/bin/env node
// Waits until every part of the stack can carry a webhook the whole way, printing what it still waits
// for: `node scripts/wait-for-stack.js name=url ... [file=path ...] [--timeout 120]`.
// A url is ready when it answers 2xx (the readiness endpoints: ingest reaches Kafka, normalizer and
// dispatcher are members of their consumer groups); a file is ready when it exists (the sandbox's
// demo.env). Exits 0 when all are ready, 1 (naming what is not) at the timeout — or at once, with the
// end of its log, when a process named by `--alive name:pid` has exited (a bad setting fails fast).
const { existsSync, readFileSync } = require('node:fs');

const args = process.argv.slice(2);
const timeoutAt = args.indexOf('--timeout');
const timeoutSeconds = timeoutAt >= 0 ? Number(args[timeoutAt + 1]) : 120;
const watched = args
  .filter((a, i) => i > 0 && args[i - 1] === '--alive')
  .map((a) => ({ name: a.slice(0, a.indexOf(':')), pid: Number(a.slice(a.indexOf(':') + 1)) }));
const targets = args
  .filter((a, i) => a.includes('=') && !(timeoutAt >= 0 && i === timeoutAt + 1))
  .map((a) => {
    const [name, where] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    return { name, where, isFile: name.startsWith('file:') || !/^https?:/.test(where) };
  });

/** Why a target is not ready yet, or null when it is. */
async function pending(target) {
  if (target.isFile) return existsSync(target.where) ? null : 'not written yet';
  try {
    const response = await fetch(target.where, { signal: AbortSignal.timeout(2_000) });
    if (response.ok) return null;
    const body = await response.json().catch(() => ({}));
    const down = Object.entries(body.error ?? {}).map(
      ([check, d]) => `${check}: ${d.state ?? d.message ?? 'down'}`,
    );
    return down.length ? down.join(', ') : `answers ${response.status}`;
  } catch {
    return 'not answering yet';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function logTail(name) {
  const log = `.data/logs/${name}.log`;
  if (!existsSync(log)) return '';
  return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-5).join('\n    ');
}

async function main() {
  const started = Date.now();
  let lastReport = 0;
  for (;;) {
    const exited = watched.find((w) => !isAlive(w.pid));
    if (exited) {
      console.error(`  ${exited.name} exited during start-up (.data/logs/${exited.name}.log):`);
      console.error(`    ${logTail(exited.name)}`);
      process.exit(1);
    }
    const waiting = [];
    for (const target of targets) {
      const why = await pending(target);
      if (why) waiting.push(`${target.name} (${why})`);
    }
    if (waiting.length === 0) {
      console.error(`  stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    if (Date.now() - started > timeoutSeconds * 1000) {
      console.error(`  not ready after ${timeoutSeconds} s: ${waiting.join('; ')} (see .data/logs/)`);
      process.exit(1);
    }
    if (Date.now() - lastReport >= 2_000) {
      console.error(`  waiting for: ${waiting.join('; ')}`);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

main();
