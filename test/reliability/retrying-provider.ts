/**
 * Sends webhooks the way providers do: at a steady rate, each delivery retried on 5xx, 408/429, timeouts
 * and refused connections (honouring Retry-After within bounds), with the SAME delivery id and body.
 */
export interface SendReport {
  sent: number;
  attempts: number;
  byStatus: Record<string, number>;
  /** Deliveries that never got a 2xx within the attempt budget. */
  gaveUp: number[];
}

export interface SteadySendOptions {
  count: number;
  ratePerSecond: number;
  maxAttempts?: number;
  timeoutMs?: number;
  request: (index: number) => { url: string; headers: Record<string, string>; body: Buffer };
  /** Told how many deliveries have been sent a first time: the stream's clock, whatever lags behind. */
  progress?: { issued: number };
}

export async function sendSteadily(options: SteadySendOptions): Promise<SendReport> {
  const report: SendReport = { sent: options.count, attempts: 0, byStatus: {}, gaveUp: [] };
  const started = Date.now();
  const deliveries: Promise<void>[] = [];
  for (let i = 0; i < options.count; i++) {
    const due = started + (i * 1000) / options.ratePerSecond;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    deliveries.push(deliver(i, options, report));
    if (options.progress) options.progress.issued = i + 1;
  }
  await Promise.all(deliveries);
  return report;
}

async function deliver(index: number, options: SteadySendOptions, report: SendReport): Promise<void> {
  const { url, headers, body } = options.request(index);
  const maxAttempts = options.maxAttempts ?? 60;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    report.attempts++;
    let status = 'error';
    let retryAfter: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      status = String(response.status);
      retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    }
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    if (/^2\d\d$/.test(status)) return;
    const retryable =
      status === 'timeout' ||
      status === 'network' ||
      status === '408' ||
      status === '429' ||
      /^5\d\d$/.test(status);
    if (!retryable) break;
    const backoff = Math.min(2_000, 100 * 2 ** Math.min(attempt, 5));
    await sleep(retryAfter ? Math.min(Number(retryAfter) * 1000, 5_000) : backoff);
  }
  report.gaveUp.push(index);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
