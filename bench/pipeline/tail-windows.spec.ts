import { brokerHousekeeping, describeTail, tailReport, type TimedDelivery } from './tail-windows';

const at = (hh: number, mm: number, ss: number, ms = 0) => new Date(2026, 11, 7, hh, mm, ss, ms).getTime();
const stamp = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `[${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:` +
    `${two(d.getMinutes())}:${two(d.getSeconds())},${String(d.getMilliseconds()).padStart(3, '0')}]`
  );
};

const LOG = [
  `${stamp(at(8, 18, 6, 167))} INFO [LocalLog partition=ticketing.raw-webhooks.v1-1, dir=/k/data/ticketing.raw-webhooks.v1-1] Rolled new log segment at offset 312514 in 4 ms. (org.apache.kafka.storage.internals.log.LocalLog)`,
  `${stamp(at(8, 18, 6, 167))} INFO [ProducerStateManager partition=ticketing.raw-webhooks.v1-1] Wrote producer snapshot at offset 312514 with 19 producer ids in 0 ms.`,
  `${stamp(at(8, 18, 9, 400))} INFO Deleted log /k/data/ticketing.tickets.v1-0/00000000000000246685.log.deleted. (org.apache.kafka.storage.internals.log.LogSegment)`,
  `${stamp(at(8, 18, 9, 401))} INFO Deleted offset index /k/data/ticketing.tickets.v1-0/00000000000000246685.index.deleted.`,
  `${stamp(at(8, 19, 30, 0))} INFO [LocalLog partition=ticketing.tickets.v1-2, dir=/k] Rolled new log segment at offset 1 in 2 ms.`,
  'a line without a timestamp',
].join('\n');

describe('brokerHousekeeping', () => {
  it('finds segment rolls and retention deletions between two instants, with their partitions', () => {
    expect(brokerHousekeeping(LOG, at(8, 18, 0), at(8, 18, 59))).toEqual([
      { atMs: at(8, 18, 6, 167), kind: 'segment roll', partition: 'ticketing.raw-webhooks.v1-1' },
      { atMs: at(8, 18, 9, 400), kind: 'retention deletion', partition: 'ticketing.tickets.v1-0' },
    ]);
  });
});

describe('tailReport', () => {
  // 1,000/s for 2 s: 8 windows of 250 ms; all fast but the window starting 1 s in.
  const start = at(8, 18, 5, 500);
  const deliveries: TimedDelivery[] = Array.from({ length: 2000 }, (_, i) => ({
    sentAtMs: start + i,
    latencyMs: i >= 1000 && i < 1250 ? 60 + (i % 50) : 8,
  }));
  const housekeeping = brokerHousekeeping(LOG, start, start + 2000);

  it('keeps the windows with a delivery over the limit and what the broker did just before them', () => {
    const report = tailReport(deliveries, housekeeping);
    expect(report).toMatchObject({ windows: 8, overLimit: 250 });
    expect(report.late).toEqual([
      {
        startMs: start + 1000,
        deliveries: 250,
        overLimit: 250,
        p50Ms: expect.any(Number),
        maxMs: 109,
        housekeeping: [
          { atMs: at(8, 18, 6, 167), kind: 'segment roll', partition: 'ticketing.raw-webhooks.v1-1' },
        ],
      },
    ]);
  });

  it('says how many of the late windows followed broker housekeeping', () => {
    const [summary, worst] = describeTail(tailReport(deliveries, housekeeping));
    expect(summary).toMatch(
      /250 deliveries over 50 ms, in 1 of 8 windows of 250 ms .* 1 of those windows \(250 of the deliveries\)/,
    );
    expect(worst).toMatch(
      /250 of 250 over 50 ms, .*max 109\.0 ms; broker: segment roll ticketing\.raw-webhooks\.v1-1/,
    );
  });

  it('says, per late window, how long the ingest took to answer: whether the wait was at the ingest', () => {
    const answered = deliveries.map((d) => ({ ...d, answeredMs: d.latencyMs > 50 ? d.latencyMs - 4 : 2 }));
    const report = tailReport(answered, housekeeping);
    expect(report.late[0].answeredP50Ms).toBe(report.late[0].p50Ms - 4);
    expect(describeTail(report)[1]).toMatch(/p50 (\d+\.\d) ms \(POST → 202 p50 \d+\.\d ms\), max 109\.0 ms/);
    expect(tailReport(deliveries, housekeeping).late[0].answeredP50Ms).toBeUndefined();
  });

  it('reports nothing late for a calm round', () => {
    const calm = deliveries.map((d) => ({ ...d, latencyMs: 5 }));
    expect(tailReport(calm, housekeeping)).toMatchObject({ overLimit: 0, late: [] });
  });
});
