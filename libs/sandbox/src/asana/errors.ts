/** Asana's error bodies: `{"errors": [{"message", "help"}]}`, with a `phrase` on server errors. */
import { ProviderValidationError, type ProviderObject } from '../kit/described';

const HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export const errorBody = (message: string) => ({ errors: [{ message, help: HELP }] });

export const UNAUTHORIZED = errorBody('Not Authorized');
export const RATE_LIMITED = errorBody('You have made too many requests recently. Please, be chill.');

/** Throws Asana's 400 for a field: `name: Missing input`, `assignee: Not a recognized ID: x`. */
export function invalid(message: string): never {
  throw new ProviderValidationError(message);
}

/** The `data` of a write body; Asana refuses a body without it. */
export function dataOf(body: unknown): ProviderObject {
  const data = (body as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) invalid('data: Missing input');
  return data as ProviderObject;
}

/** Asana refuses attributes it does not know (or cannot write) with a 400 naming the first. */
export function allowOnly(input: ProviderObject, writable: string[]): void {
  const unknown = Object.keys(input).find((k) => !writable.includes(k));
  if (unknown !== undefined) invalid(`${unknown}: Cannot write this property`);
}
