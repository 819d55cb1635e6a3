/** What `withDeadline` rejects with when the time ran out (not the promise's own failure). */
export class DeadlinePassedError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} within ${ms} ms`);
    this.name = 'DeadlinePassedError';
  }
}

/**
 * Settles like `promise`, or rejects with DeadlinePassedError after `ms` (calling `onTimeout` first).
 * `what` names the missing answer in the error's message.
 */
export function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => void = () => undefined,
  what = 'no acknowledgement',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new DeadlinePassedError(what, ms));
    }, ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** True once `promise` settled (resolved or failed) within `ms`; false if the time ran out first. */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return withDeadline(promise, ms).then(
    () => true,
    (error: unknown) => !(error instanceof DeadlinePassedError),
  );
}
