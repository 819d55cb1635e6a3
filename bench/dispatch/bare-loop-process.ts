/**
 * The bare signed-POST loop in a process of its own, as the dispatcher runs in its own: the ceiling of
 * the HTTP part alone, with a thread to itself (not the bench's, which the subscriber uses). Driven over
 * IPC by bench/dispatch/run.ts (startBareLoopProcess); it stays up between rounds so its JIT stays warm,
 * as the dispatcher's does.
 */
import { signedPoster } from './bench-support';
import { ticketEvent } from './ticket-event';

export interface BareRound {
  url: string;
  total: number;
  concurrency: number;
  tenantId: string;
}

export interface BareRoundResult {
  perSecond: number;
  failed: number;
}

async function round({ url, total, concurrency, tenantId }: BareRound): Promise<BareRoundResult> {
  // Built before the clock starts: the dispatcher's events arrive ready too (from Kafka).
  const events = Array.from({ length: total }, () => {
    const e = ticketEvent(tenantId, 'con_bare');
    return { id: e.id, body: JSON.stringify(e) };
  });
  const post = signedPoster(url, concurrency);
  let next = 0;
  let failed = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const status = await post.send(events[i].id, events[i].body).catch(() => 0);
        if (status < 200 || status > 299) failed += 1;
      }
    }),
  );
  const perSecond = (total / (performance.now() - start)) * 1000;
  post.close();
  return { perSecond, failed };
}

process.on('message', (request: BareRound) => {
  void round(request).then(
    (result) => process.send!(result),
    (error: unknown) => process.send!({ perSecond: 0, failed: request.total, error: String(error) }),
  );
});
process.send!('ready');
