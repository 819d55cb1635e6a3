import type { DeliveryPair, Store } from '@app/store';
import { DedupRecorder } from './dedup-recorder';

/** A store whose claimAll calls are kept and answered by the test. */
function fakeStore() {
  const writes: { pairs: DeliveryPair[]; done(): void; fail(error: Error): void }[] = [];
  const store = {
    deliveries: {
      claimAll: (pairs: readonly DeliveryPair[]) =>
        new Promise<void>((done, fail) => writes.push({ pairs: [...pairs], done, fail })),
    },
  } as unknown as Store;
  return { store, writes };
}

const ids = (pairs: DeliveryPair[]) => pairs.map((p) => p.deliveryId);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
};

describe('DedupRecorder', () => {
  it('writes deliveries recorded together in one write, and resolves each only once it is committed', async () => {
    const { store, writes } = fakeStore();
    const recorder = new DedupRecorder(store);
    let resolved = 0;
    const records = ['a', 'b', 'c'].map((id) => recorder.record('con_1', id).then(() => resolved++));
    await until(() => writes.length === 1);
    expect(ids(writes[0].pairs)).toEqual(['a', 'b', 'c']);
    expect(writes[0].pairs.every((p) => p.connectionId === 'con_1')).toBe(true);
    expect(resolved).toBe(0);
    writes[0].done();
    await Promise.all(records);
    expect(resolved).toBe(3);
  });

  it('gathers what arrives during a write into the next single write', async () => {
    const { store, writes } = fakeStore();
    const recorder = new DedupRecorder(store);
    const first = recorder.record('con_1', 'a');
    await until(() => writes.length === 1);
    const later = ['b', 'c', 'd'].map((id) => recorder.record('con_1', id));
    await new Promise((r) => setTimeout(r, 30));
    expect(writes).toHaveLength(1); // one write in flight at a time
    writes[0].done();
    await first;
    await until(() => writes.length === 2);
    expect(ids(writes[1].pairs)).toEqual(['b', 'c', 'd']);
    writes[1].done();
    await Promise.all(later);
  });

  it("rejects a failed write's deliveries and still writes the next batch", async () => {
    const { store, writes } = fakeStore();
    const recorder = new DedupRecorder(store);
    const failed = recorder.record('con_1', 'a');
    await until(() => writes.length === 1);
    const next = recorder.record('con_1', 'b');
    writes[0].fail(new Error('disk full'));
    await expect(failed).rejects.toThrow('disk full');
    await until(() => writes.length === 2);
    expect(ids(writes[1].pairs)).toEqual(['b']);
    writes[1].done();
    await expect(next).resolves.toBeUndefined();
  });

  it('writes a full batch at once and what waits at shutdown before the store closes', async () => {
    const { store, writes } = fakeStore();
    const recorder = new DedupRecorder(store);
    const many = Array.from({ length: 256 }, (_, i) => recorder.record('con_1', `d-${i}`));
    await Promise.resolve();
    expect(writes).toHaveLength(0); // a timer of 0 ms, not the gathering wait
    await until(() => writes.length === 1);
    expect(writes[0].pairs).toHaveLength(256);
    const waiting = recorder.record('con_2', 'last');
    const shutdown = recorder.beforeApplicationShutdown();
    writes[0].done();
    await until(() => writes.length === 2);
    expect(ids(writes[1].pairs)).toEqual(['last']);
    writes[1].done();
    await shutdown;
    await Promise.all([...many, waiting]);
  });
});
