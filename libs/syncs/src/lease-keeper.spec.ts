import { LeaseKeeper } from './lease-keeper';

describe('LeaseKeeper', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function tick(ms: number): Promise<void> {
    await jest.advanceTimersByTimeAsync(ms);
  }

  it('renews on its interval until a renewal says the lease is gone, then stays lost', async () => {
    const answers = [true, false, true];
    const renew = jest.fn(async () => answers.shift() ?? true);
    const keeper = new LeaseKeeper(renew, 1000);
    await tick(999);
    expect(renew).not.toHaveBeenCalled();
    await tick(1);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(keeper.lost).toBe(false);
    await tick(1000);
    expect(keeper.lost).toBe(true);
    await tick(1000);
    expect(keeper.lost).toBe(true); // a later "held" does not bring back a lease another runner may hold
    keeper.stop();
    await tick(5000);
    expect(renew).toHaveBeenCalledTimes(3);
  });

  it('does not give up on a renewal that failed outright (the store did not answer)', async () => {
    const renew = jest.fn().mockRejectedValueOnce(new Error('SQLITE_BUSY')).mockResolvedValue(true);
    const keeper = new LeaseKeeper(renew, 500);
    await tick(1000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(keeper.lost).toBe(false);
    keeper.stop();
  });
});
