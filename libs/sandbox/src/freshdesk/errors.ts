/**
 * Freshdesk's error answers. Validation: 400 `{"description":"Validation failed","errors":[{field,
 * message, code}]}`; uniqueness: the same body with 409; 401/403 `{"code","message"}`; a missing record:
 * 404 with no body (`head :not_found`); malformed JSON: 400 `{"code":"invalid_json",…}`.
 */
import { ProviderValidationError, type ProviderObject } from '../kit/described';

export interface FieldError {
  field: string;
  message: string;
  code: 'invalid_value' | 'missing_field' | 'invalid_field' | 'datatype_mismatch' | 'duplicate_value';
}

export class FreshdeskInvalid extends ProviderValidationError {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

export const validationBody = (errors: FieldError[]) => ({ description: 'Validation failed', errors });

export const UNAUTHORIZED = {
  code: 'invalid_credentials',
  message: 'You have to be logged in to perform this action.',
};
export const ACCESS_DENIED = {
  code: 'access_denied',
  message: 'You are not authorized to perform this action.',
};

export function invalid(field: string, message: string, code: FieldError['code'] = 'invalid_value'): never {
  throw new FreshdeskInvalid([{ field, message, code }]);
}

// The kit hands only an error's message to `badRequest`: a 409 carries its field error in it.
const CONFLICT = 'freshdesk-conflict:';

export function conflict(field: string): never {
  const error: FieldError = { field, message: 'It should be a unique value', code: 'duplicate_value' };
  throw Object.assign(new Error(CONFLICT + JSON.stringify(error)), { statusCode: 409 });
}

/** The body of a 4xx the kit reports by message: a conflict, malformed JSON or a refused page size. */
export function badRequestBody(message: string): unknown {
  if (message.startsWith(CONFLICT)) return validationBody([JSON.parse(message.slice(CONFLICT.length))]);
  if (message.startsWith('Malformed JSON'))
    return { code: 'invalid_json', message: 'Request body has invalid json format' };
  if (message.startsWith('per_page'))
    return validationBody([
      {
        field: 'per_page',
        message: 'It should be a Positive Integer less than or equal to 100',
        code: 'invalid_value',
      },
    ]);
  return { code: 'invalid_request', message };
}

/** Freshdesk refuses attributes it does not know rather than ignoring them. */
export function allowOnly(input: ProviderObject, allowed: readonly string[]): void {
  const unknown = Object.keys(input).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw new FreshdeskInvalid(
      unknown.map((field) => ({
        field,
        message: 'Unexpected/invalid field in request',
        code: 'invalid_field',
      })),
    );
}

export function requireString(input: ProviderObject, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) invalid(field, 'It should be a/an String', 'missing_field');
  if (typeof value !== 'string') invalid(field, 'It should be a/an String', 'datatype_mismatch');
  return value;
}

export function optionalId(input: ProviderObject, field: string): number | null | undefined {
  const value = input[field];
  if (value === undefined || value === null) return value;
  if (!Number.isInteger(value) || (value as number) <= 0)
    invalid(field, 'It should be a/an Positive Integer', 'datatype_mismatch');
  return value as number;
}

export function oneOf(field: string, value: unknown, allowed: readonly unknown[]): void {
  if (!allowed.includes(value))
    invalid(field, `It should be one of these values: '${allowed.join(',')}'`, 'invalid_value');
}

export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Freshdesk timestamps are whole seconds in UTC. */
export const stamp = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
