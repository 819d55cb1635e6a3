import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
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
  return {
    label: options.label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function printTable(rows: LoadResult[]): void {
  console.log('| run | req/s | p50 ms | p99 ms | non-2xx | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`,
    );
  }
}
