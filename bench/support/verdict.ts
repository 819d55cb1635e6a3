/**
 * What every bench's verdict rests on: a round either measured what it claims, or it is INVALID and gives
 * no figure, ratio or MET. A round is INVALID when any call failed, timed out or answered non-2xx, or when
 * output it should have produced is missing: a figure over the calls that happened to succeed, or over the
 * events that happened to arrive, measures a broken system as a fast one.
 */

/** One measured round: its result, and why it does not count (empty when it does). */
export interface Round<T> {
  label: string;
  result: T;
  problems: string[];
}

/** What a round's verdict needs to know about it. */
export type Checked = Pick<Round<unknown>, 'label' | 'problems'>;

/** The answers of an HTTP load round. */
export interface CallCounts {
  /** Calls answered 2xx. */
  ok: number;
  non2xx: number;
  /** Connection errors and resets. */
  errors: number;
  timeouts: number;
}

/**
 * Why an HTTP load round does not count. With `expectedCalls` (a fixed-rate round), answering far fewer
 * calls than the rate asks for means the round did not run at that rate: its latencies are not the rate's.
 */
export function callProblems(counts: CallCounts, expectedCalls?: number): string[] {
  const problems: string[] = [];
  if (counts.errors > 0) problems.push(`${counts.errors} errors`);
  if (counts.timeouts > 0) problems.push(`${counts.timeouts} timeouts`);
  if (counts.non2xx > 0) problems.push(`${counts.non2xx} non-2xx answers`);
  if (counts.ok === 0) problems.push('no 2xx answer');
  else if (expectedCalls !== undefined && counts.ok < 0.9 * expectedCalls)
    problems.push(`${counts.ok} calls answered of the ${Math.round(expectedCalls)} the rate asks for`);
  return problems;
}

/** `failed` of `total` things that should all have succeeded (posts, sends). */
export function failureProblems(failed: number, total: number, noun: string): string[] {
  return failed > 0 ? [`${failed} of ${total} ${noun} failed`] : [];
}

/** Output that should exist and does not (events never read, records never mapped, deliveries never made). */
export function missingProblems(expected: number, found: number, noun: string): string[] {
  if (expected === 0) return [`no ${noun} expected: nothing was measured`];
  return found < expected ? [`${expected - found} of ${expected} ${noun} missing`] : [];
}

export type Verdict = 'MET' | 'NOT MET' | 'INVALID';

export interface Target {
  atLeast?: number;
  atMost?: number;
}

/** INVALID when any round behind the figure is, or the figure is not a number (nothing measured). */
export function judge(value: number, target: Target, rounds: readonly Checked[]): Verdict {
  if (rounds.some((r) => r.problems.length > 0) || !Number.isFinite(value)) return 'INVALID';
  const low = target.atLeast === undefined || value >= target.atLeast;
  const high = target.atMost === undefined || value <= target.atMost;
  return low && high ? 'MET' : 'NOT MET';
}

export interface Figure {
  name: string;
  value: number;
  format: (value: number) => string;
  /** Without a target the line states the figure, or INVALID, and no MET. */
  target?: Target;
}

/**
 * The line a bench prints for a figure: `name: value (target >= x) MET`, or `name: INVALID (why)` with
 * no value at all when a round behind it is INVALID.
 */
export function verdictLine(figure: Figure, rounds: readonly Checked[]): string {
  const verdict = judge(figure.value, figure.target ?? {}, rounds);
  if (verdict === 'INVALID') return `${figure.name}: INVALID (${reasons(rounds) || 'nothing measured'})`;
  const target = figure.target;
  if (!target) return `${figure.name}: ${figure.format(figure.value)}`;
  const bounds = [
    target.atLeast === undefined ? undefined : `>= ${figure.format(target.atLeast)}`,
    target.atMost === undefined ? undefined : `<= ${figure.format(target.atMost)}`,
  ].filter(Boolean);
  return `${figure.name}: ${figure.format(figure.value)} (target ${bounds.join(' and ')}) ${verdict}`;
}

/** Every INVALID round and why, in one line. */
export function reasons(rounds: readonly Checked[]): string {
  return rounds
    .filter((r) => r.problems.length > 0)
    .map((r) => `${r.label}: ${r.problems.join(', ')}`)
    .join('; ');
}

/** A round that threw on its last attempt too: the bench stops and says INVALID, with no figure. */
export class InvalidRoundError extends Error {
  constructor(
    readonly label: string,
    readonly problems: string[],
  ) {
    super(`${label}: INVALID (${problems.join(', ')})`);
    this.name = 'InvalidRoundError';
  }
}

/** Attempts per round: a broken round is run again at most BENCH_RETRIES times (default 2). */
export const ATTEMPTS = 1 + Number(process.env.BENCH_RETRIES ?? 2);

/**
 * Runs a round until it is valid, at most `attempts` times. The round returned is the first valid one, or
 * the last attempt with its problems (which makes every figure resting on it INVALID). A round that throws
 * counts as a broken attempt; if the last one throws, InvalidRoundError.
 */
export async function measureRound<T>(
  label: string,
  run: () => Promise<T>,
  problemsOf: (result: T) => string[],
  attempts = ATTEMPTS,
  log: (line: string) => void = (line) => console.log(line),
): Promise<Round<T>> {
  for (let attempt = 1; ; attempt++) {
    let round: Round<T> | undefined;
    let problems: string[];
    try {
      const result = await run();
      round = { label, result, problems: problemsOf(result) };
      problems = round.problems;
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
    if (problems.length === 0 && round) return round;
    const last = attempt >= attempts;
    log(
      `${label}: INVALID round (${problems.join(', ')})${last ? '' : `, running it again (${attempt + 1}/${attempts})`}`,
    );
    if (last) {
      if (round) return round;
      throw new InvalidRoundError(label, problems);
    }
  }
}

/** Prints a bench's verdict lines; any INVALID one makes the bench exit non-zero. */
export function printVerdicts(
  lines: readonly string[],
  log: (line: string) => void = (l) => console.log(l),
): void {
  for (const line of lines) log(line);
  if (lines.some((line) => line.includes(': INVALID ('))) process.exitCode = 1;
}

/** A table cell for a round: `valid`, or `INVALID: why`. */
export function roundStatus(round: Checked): string {
  return round.problems.length === 0 ? 'valid' : `INVALID: ${round.problems.join(', ')}`;
}
