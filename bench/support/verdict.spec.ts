import {
  callProblems,
  failureProblems,
  InvalidRoundError,
  judge,
  measureRound,
  missingProblems,
  printVerdicts,
  roundStatus,
  verdictLine,
  type Checked,
} from './verdict';

const ratio = (value: number) => ({
  name: 'throughput ratio ingest/baseline',
  value,
  format: (v: number) => `${v.toFixed(2)}x`,
  target: { atLeast: 0.7 },
});
const valid: Checked = { label: 'ingest max', problems: [] };

describe('a broken round is INVALID, never a ratio or MET', () => {
  it('counts errors, timeouts and non-2xx answers of an HTTP round', () => {
    expect(callProblems({ ok: 1000, non2xx: 0, errors: 0, timeouts: 0 })).toEqual([]);
    expect(callProblems({ ok: 40, non2xx: 0, errors: 22, timeouts: 0 })).toEqual(['22 errors']);
    expect(callProblems({ ok: 40, non2xx: 3, errors: 0, timeouts: 5 })).toEqual([
      '5 timeouts',
      '3 non-2xx answers',
    ]);
    expect(callProblems({ ok: 0, non2xx: 0, errors: 0, timeouts: 0 })).toEqual(['no 2xx answer']);
  });

  it('refuses a fixed-rate round that answered far fewer calls than its rate asks for', () => {
    expect(callProblems({ ok: 950, non2xx: 0, errors: 0, timeouts: 0 }, 1000)).toEqual([]);
    expect(callProblems({ ok: 500, non2xx: 0, errors: 0, timeouts: 0 }, 1000)).toEqual([
      '500 calls answered of the 1000 the rate asks for',
    ]);
  });

  it('counts failed sends and missing output (lost or dead-lettered events)', () => {
    expect(failureProblems(0, 4000, 'posts')).toEqual([]);
    expect(failureProblems(3, 4000, 'posts')).toEqual(['3 of 4000 posts failed']);
    expect(missingProblems(4000, 4000, 'events')).toEqual([]);
    expect(missingProblems(4000, 3990, 'events')).toEqual(['10 of 4000 events missing']);
    expect(missingProblems(0, 0, 'events')).toEqual(['no events expected: nothing was measured']);
  });

  it('the issue-16 ingest run (baseline with 22 errors, ratio 1068x) is INVALID and prints no ratio', () => {
    const baseline: Checked = {
      label: 'baseline max',
      problems: callProblems({ ok: 20, non2xx: 0, errors: 22, timeouts: 0 }),
    };
    expect(judge(1068.86, { atLeast: 0.7 }, [baseline, valid])).toBe('INVALID');
    const line = verdictLine(ratio(1068.86), [baseline, valid]);
    expect(line).toBe('throughput ratio ingest/baseline: INVALID (baseline max: 22 errors)');
    expect(line).not.toMatch(/1068|MET/);
  });

  it('a non-2xx or missing-output round makes a latency verdict INVALID too', () => {
    const p99 = { name: 'p99', value: 12, format: (v: number) => `${v} ms`, target: { atMost: 50 } };
    const non2xx = {
      label: 'ingest @50%',
      problems: callProblems({ ok: 900, non2xx: 7, errors: 0, timeouts: 0 }),
    };
    const lost = { label: 'pipeline', problems: missingProblems(4000, 3999, 'events') };
    expect(verdictLine(p99, [non2xx])).toBe('p99: INVALID (ingest @50%: 7 non-2xx answers)');
    expect(verdictLine(p99, [lost])).toBe('p99: INVALID (pipeline: 1 of 4000 events missing)');
  });

  it("a round's table cell says INVALID and why", () => {
    expect(roundStatus(valid)).toBe('valid');
    expect(roundStatus({ label: 'x', problems: ['2 errors', '1 timeouts'] })).toBe(
      'INVALID: 2 errors, 1 timeouts',
    );
  });

  it('a figure that is not a number (nothing measured) is INVALID', () => {
    expect(judge(Number.NaN, { atMost: 50 }, [valid])).toBe('INVALID');
    expect(verdictLine(ratio(Number.POSITIVE_INFINITY), [valid])).toBe(
      'throughput ratio ingest/baseline: INVALID (nothing measured)',
    );
  });

  it('valid rounds give the figure against its target', () => {
    expect(verdictLine(ratio(0.92), [valid])).toBe(
      'throughput ratio ingest/baseline: 0.92x (target >= 0.70x) MET',
    );
    expect(verdictLine(ratio(0.5), [valid])).toBe(
      'throughput ratio ingest/baseline: 0.50x (target >= 0.70x) NOT MET',
    );
    expect(verdictLine({ ...ratio(0.5), target: undefined }, [valid])).toBe(
      'throughput ratio ingest/baseline: 0.50x',
    );
  });
});

describe('measureRound', () => {
  const quiet = () => undefined;

  it('runs a broken round again and keeps the first valid one', async () => {
    const answers = [{ errors: 4 }, { errors: 0 }];
    const run = jest.fn(async () => answers.shift()!);
    const round = await measureRound('r', run, (r) => (r.errors ? [`${r.errors} errors`] : []), 3, quiet);
    expect(run).toHaveBeenCalledTimes(2);
    expect(round).toEqual({ label: 'r', result: { errors: 0 }, problems: [] });
  });

  it('stops after the bounded attempts and returns the round with its problems', async () => {
    const run = jest.fn(async () => ({ errors: 1 }));
    const round = await measureRound('r', run, () => ['1 errors'], 3, quiet);
    expect(run).toHaveBeenCalledTimes(3);
    expect(round.problems).toEqual(['1 errors']);
    expect(judge(1, {}, [round])).toBe('INVALID');
  });

  it('counts a throwing round as broken, and throws InvalidRoundError when the last attempt throws', async () => {
    const lines: string[] = [];
    const run = jest.fn(async (): Promise<number> => {
      throw new Error('only 10/20 requests arrived');
    });
    await expect(
      measureRound(
        'dispatch',
        run,
        () => [],
        2,
        (l) => lines.push(l),
      ),
    ).rejects.toThrow(new InvalidRoundError('dispatch', ['only 10/20 requests arrived']));
    expect(run).toHaveBeenCalledTimes(2);
    expect(lines).toEqual([
      'dispatch: INVALID round (only 10/20 requests arrived), running it again (2/2)',
      'dispatch: INVALID round (only 10/20 requests arrived)',
    ]);
  });
});

describe('printVerdicts', () => {
  const before = process.exitCode;
  afterEach(() => (process.exitCode = before));

  it('makes the bench exit non-zero when a verdict is INVALID, and only then', () => {
    const printed: string[] = [];
    printVerdicts(['p99: 12 ms (target <= 50 ms) MET', 'ratio: 0.50x (target >= 0.70x) NOT MET'], (l) =>
      printed.push(l),
    );
    expect(process.exitCode).toBe(before);
    printVerdicts(['ratio: INVALID (baseline max: 22 errors)'], (l) => printed.push(l));
    expect(process.exitCode).toBe(1);
    expect(printed).toHaveLength(3);
  });
});
