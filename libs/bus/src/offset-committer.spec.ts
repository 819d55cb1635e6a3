import { OffsetCommitter, type CommitRequest, type HandledOffset } from './offset-committer';

/** A commit function whose requests the test answers one by one. */
function controlledBroker() {
  const requests: { offsets: HandledOffset[]; answer(error?: Error): void }[] = [];
  const commit = (offsets: HandledOffset[]) =>
    new Promise<void>((resolve, reject) => {
      requests.push({ offsets, answer: (error) => (error ? reject(error) : resolve()) });
    });
  return { requests, commit };
}

const at = (partition: number, offset: number): HandledOffset => ({
  topic: 't',
  partition,
  offset: String(offset),
});
const settle = () => new Promise((r) => setImmediate(r));

describe('OffsetCommitter', () => {
  it('keeps one request in flight and sends the newest offset of each partition handled meanwhile', async () => {
    const broker = controlledBroker();
    const committer = new OffsetCommitter(broker.commit);
    committer.handled(at(0, 10));
    committer.handled(at(0, 20));
    committer.handled(at(1, 5));
    committer.handled(at(0, 30));
    expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 10)]]);
    broker.requests[0].answer();
    await settle();
    expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 10)], [at(0, 30), at(1, 5)]]);
    const flushed = committer.flush();
    broker.requests[1].answer();
    await flushed;
    expect(broker.requests).toHaveLength(2);
  });

  it('keeps a refused offset, retries it, and lets a newer offset of the partition replace it', async () => {
    jest.useFakeTimers();
    try {
      const broker = controlledBroker();
      const requests: CommitRequest[] = [];
      const committer = new OffsetCommitter(broker.commit, (r) => requests.push(r));
      committer.handled(at(0, 10));
      committer.handled(at(1, 7));
      committer.handled(at(0, 11)); // waits behind the first request, and replaces 10 when it is refused
      broker.requests[0].answer(new Error('coordinator not available'));
      await Promise.resolve();
      await Promise.resolve();
      expect(requests.map((r) => r.failed)).toEqual([true]);
      // Nothing is sent again before the pause: a broker outage is not hammered.
      expect(broker.requests).toHaveLength(1);
      jest.advanceTimersByTime(300);
      expect(broker.requests[1].offsets).toEqual([at(1, 7), at(0, 11)]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('resolves a flush once the last commit is answered, even a refusal', async () => {
    const broker = controlledBroker();
    const committer = new OffsetCommitter(broker.commit);
    await committer.flush(); // nothing handled: nothing to wait for
    committer.handled(at(2, 3));
    let flushed = false;
    const flushing = committer.flush().then(() => (flushed = true));
    await settle();
    expect(flushed).toBe(false);
    broker.requests[0].answer(new Error('not the coordinator'));
    await flushing;
    expect(flushed).toBe(true);
  });

  it('forgets offsets not yet sent (a rebalance), never sending them', async () => {
    const broker = controlledBroker();
    const committer = new OffsetCommitter(broker.commit);
    committer.handled(at(0, 1));
    committer.handled(at(0, 2));
    committer.forget();
    broker.requests[0].answer();
    await settle();
    expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 1)]]);
  });

  describe('with a least interval between requests', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());
    const answered = async (request: { answer(error?: Error): void }) => {
      request.answer();
      await Promise.resolve();
      await Promise.resolve();
    };

    it('starts requests at least the interval apart, gathering what was handled meanwhile', async () => {
      const broker = controlledBroker();
      const committer = new OffsetCommitter(broker.commit, undefined, 100);
      committer.handled(at(0, 10)); // the first request leaves at once
      expect(broker.requests).toHaveLength(1);
      jest.advanceTimersByTime(20);
      await answered(broker.requests[0]);
      committer.handled(at(0, 20));
      committer.handled(at(1, 5));
      committer.handled(at(0, 30));
      jest.advanceTimersByTime(79);
      expect(broker.requests).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 10)], [at(0, 30), at(1, 5)]]);
    });

    it('sends at once on flush (a clean stop, a rebalance), without waiting for the interval', async () => {
      const broker = controlledBroker();
      const committer = new OffsetCommitter(broker.commit, undefined, 100);
      committer.handled(at(0, 1));
      await answered(broker.requests[0]);
      committer.handled(at(0, 2));
      expect(broker.requests).toHaveLength(1);
      const flushed = committer.flush();
      expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 1)], [at(0, 2)]]);
      await answered(broker.requests[1]);
      await flushed;
      jest.advanceTimersByTime(1_000); // the interval's timer is gone: nothing is sent twice
      expect(broker.requests).toHaveLength(2);
    });

    it('does not make a flush wait for the interval behind a request in flight', async () => {
      const broker = controlledBroker();
      const committer = new OffsetCommitter(broker.commit, undefined, 100);
      committer.handled(at(0, 1));
      committer.handled(at(0, 2)); // behind the request in flight
      let flushed = false;
      const flushing = committer.flush().then(() => (flushed = true));
      await answered(broker.requests[0]);
      expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 1)], [at(0, 2)]]);
      await answered(broker.requests[1]);
      await flushing;
      expect(flushed).toBe(true);
    });

    it('drops on forget what waits for the interval, never sending it', async () => {
      const broker = controlledBroker();
      const committer = new OffsetCommitter(broker.commit, undefined, 100);
      committer.handled(at(0, 1));
      await answered(broker.requests[0]);
      committer.handled(at(0, 2));
      committer.forget();
      jest.advanceTimersByTime(1_000);
      expect(broker.requests.map((r) => r.offsets)).toEqual([[at(0, 1)]]);
      await committer.flush(); // nothing pending: resolves at once
    });
  });
});
