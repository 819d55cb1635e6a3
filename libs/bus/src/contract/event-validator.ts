/**
 * Validates Kafka message values against the AsyncAPI document: the schemas of its
 * `components/schemas` compiled once with Ajv (JSON Schema 2020-12, formats), one validator per message.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '@app/unified-models';
import {
  buildAsyncApiDocument,
  type AsyncApiDocument,
  type AsyncApiMessage,
  type AsyncApiRef,
} from './asyncapi-document';
import { consistencyRuleOf } from './consistency';

export interface EventValidationError {
  /** JSON Pointer into the message value ('' for the value itself), or `(key)` for the Kafka key. */
  path: string;
  /** The failed JSON Schema keyword, or `json`, `topic`, `eventType`, `consistency`, `key`. */
  keyword: string;
  /** Readable on its own, path included. */
  message: string;
}

export interface EventValidationResult {
  valid: boolean;
  errors: EventValidationError[];
}

/**
 * Checks one message value (the text as read from Kafka) of `topic`. With `key` (the Kafka key, null
 * when the message had none) the key is checked too.
 */
export type EventValidator = (
  topic: string,
  messageValueText: string,
  key?: string | null,
) => EventValidationResult;

export interface EventValidatorOptions {
  /** The AsyncAPI document to validate against (e.g. docs/asyncapi.yaml parsed); the built one by default. */
  document?: AsyncApiDocument;
}

interface CompiledMessage {
  name: string;
  payload: ValidateFunction;
  key?: ValidateFunction;
}

const ROOT = 'urn:unified-ticketing:asyncapi';
const COMPONENT_SCHEMA = '#/components/schemas/';

/** `#/components/schemas/X` → `urn:…#/$defs/X`, so that schemas resolve inside one Ajv schema. */
function toAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toAjv);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT_SCHEMA)
        ? `${ROOT}#/$defs/${v.slice(COMPONENT_SCHEMA.length)}`
        : toAjv(v),
    ]),
  );
}

function resolve<T>(document: AsyncApiDocument, node: AsyncApiRef | T): T {
  if (!node || typeof node !== 'object' || !('$ref' in node)) return node;
  const { $ref } = node;
  if (!$ref.startsWith('#/')) throw new Error(`only local references are supported: ${$ref}`);
  let target: unknown = document;
  for (const part of $ref.slice(2).split('/')) {
    const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
    target = target && typeof target === 'object' ? (target as Record<string, unknown>)[name] : undefined;
  }
  if (target === undefined) throw new Error(`unresolvable reference ${$ref}`);
  return target as T;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath || '(value)';
  const p = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'enum'
      ? `: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
      : error.keyword === 'const'
        ? `: ${JSON.stringify(p.allowedValue)}`
        : error.keyword === 'additionalProperties'
          ? `: ${String(p.additionalProperty)}`
          : '';
  return `${at} ${error.message ?? 'is invalid'}${detail}`;
}

/** Drops the "must be null" / anyOf noise of nullable fields when a more precise error remains. */
function precise(errors: ErrorObject[]): ErrorObject[] {
  const noise = (e: ErrorObject) =>
    e.keyword === 'anyOf' || (e.keyword === 'type' && e.params.type === 'null');
  const kept = errors.filter((e) => !noise(e));
  const covered = (path: string) =>
    kept.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`));
  return errors.filter((e) => !(noise(e) && covered(e.instancePath)));
}

function schemaErrors(validate: ValidateFunction, value: unknown, keyPath?: string): EventValidationError[] {
  if (validate(value) === true) return [];
  return precise(validate.errors ?? []).map((error) => {
    const message = describe(error);
    return keyPath
      ? { path: keyPath, keyword: 'key', message: message.replace('(value)', keyPath) }
      : { path: error.instancePath, keyword: error.keyword, message };
  });
}

function compile(document: AsyncApiDocument): Map<string, CompiledMessage[]> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT, $defs: toAjv(document.components.schemas) as Record<string, JsonSchema> });
  const byTopic = new Map<string, CompiledMessage[]>();
  for (const channel of Object.values(document.channels)) {
    const messages = Object.values(channel.messages).map((ref) => {
      const message = resolve<AsyncApiMessage>(document, ref);
      const key = message.bindings?.kafka?.key;
      return {
        name: message.name,
        payload: ajv.compile(toAjv(message.payload) as JsonSchema),
        key: key ? ajv.compile(toAjv(key) as JsonSchema) : undefined,
      };
    });
    byTopic.set(channel.address, messages);
  }
  return byTopic;
}

const failure = (path: string, keyword: string, message: string): EventValidationResult => ({
  valid: false,
  errors: [{ path, keyword, message }],
});

/**
 * A validator of message values by topic, compiled once. A topic with one message type checks every
 * value against it; a topic with several (change events) picks the message whose name is the value's
 * CloudEvents `type`, so a type that does not belong to the topic fails.
 */
export function createEventValidator(options: EventValidatorOptions = {}): EventValidator {
  const topics = compile(options.document ?? buildAsyncApiDocument());
  return (topic, messageValueText, key) => {
    const messages = topics.get(topic);
    if (!messages) {
      return failure(
        '',
        'topic',
        `topic ${topic} is not in the AsyncAPI document (${[...topics.keys()].join(', ')})`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(messageValueText);
    } catch (error) {
      return failure('', 'json', `(value) is not JSON: ${(error as Error).message}`);
    }
    let message = messages[0];
    if (messages.length > 1) {
      const type = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
      const match = messages.find((m) => m.name === type);
      if (!match) {
        const expected = messages.map((m) => m.name).join(', ');
        return failure(
          '/type',
          'eventType',
          `/type ${JSON.stringify(type)} is not an event type of ${topic} (expected one of: ${expected})`,
        );
      }
      message = match;
    }
    const errors = schemaErrors(message.payload, value);
    if (message.key && key !== undefined && key !== null)
      errors.push(...schemaErrors(message.key, key, '(key)'));
    const rule = consistencyRuleOf(message.name);
    if (errors.length === 0 && rule && value && typeof value === 'object') {
      for (const issue of rule(value as Record<string, unknown>, key)) {
        errors.push({ ...issue, keyword: issue.path === '(key)' ? 'key' : 'consistency' });
      }
    }
    return { valid: errors.length === 0, errors };
  };
}
