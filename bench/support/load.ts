import autocannon from 'autocannon';
import { callProblems, measureRound, roundStatus, type Checked } from './verdict';

/** One autocannon round; `problems` (see verdict.ts) is empty only when every call was answered 2xx. */
export interface LoadResult extends Checked {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  label: string;
  url: string;
  durationSeconds: number;
  connections: number;
  /** Fixed request rate across all connections; unlimited when absent. */
  overallRate?: number;
  /** Builds each request (method, headers, body). */
  request: () => { method: 'POST' | 'GET'; headers: Record<string, string>; body?: Buffer | string };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    duration: options.durationSeconds,
    connections: options.connections,
    overallRate: options.overallRate,
    requests: [
      {
        setupRequest: (req) => {
          const r = options.request();
          return { ...req, method: r.method, headers: r.headers, body: r.body };
        },
      },
    ],
  });
  const counts = {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  const expectedCalls =
    options.overallRate === undefined ? undefined : options.overallRate * options.durationSeconds;
  return {
    label: options.label,
    // autocannon's average counts every answer, non-2xx included: it is a throughput only when
    // `problems` is empty, and no verdict uses it otherwise.
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ...counts,
    problems: callProblems(counts, expectedCalls),
  };
}

/** runLoad, run again (a bounded number of times) while the round is broken; see measureRound. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const round = await measureRound(
    options.label,
    () => runLoad(options),
    (r) => r.problems,
  );
  return round.result;
}

export function printTable(rows: LoadResult[]): void {
  console.log('| run | req/s | p50 ms | p99 ms | 2xx | non-2xx | errors | timeouts | round |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.non2xx} | ` +
        `${r.errors} | ${r.timeouts} | ${roundStatus(r)} |`,
    );
  }
}
