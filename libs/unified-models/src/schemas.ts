import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
// Static JSON imports: tsc copies the files next to the compiled code (dist/libs/unified-models/schemas)
// and jest resolves them from the sources, so no path lookup is needed at run time.
import accounts from '../schemas/accounts.schema.json';
import attachments from '../schemas/attachments.schema.json';
import collections from '../schemas/collections.schema.json';
import comments from '../schemas/comments.schema.json';
import contacts from '../schemas/contacts.schema.json';
import fields from '../schemas/fields.schema.json';
import organizations from '../schemas/organizations.schema.json';
import tags from '../schemas/tags.schema.json';
import task_lists from '../schemas/task_lists.schema.json';
import tasks from '../schemas/tasks.schema.json';
import teams from '../schemas/teams.schema.json';
import ticket_priorities from '../schemas/ticket_priorities.schema.json';
import ticket_status from '../schemas/ticket_status.schema.json';
import ticket_types from '../schemas/ticket_types.schema.json';
import tickets from '../schemas/tickets.schema.json';
import users from '../schemas/users.schema.json';
import workspaces from '../schemas/workspaces.schema.json';
import { isUnifiedResourceName, UNIFIED_RESOURCES } from './resources';
import type { UnifiedResourceName } from './resources';

/** A JSON Schema (2020-12) object, read-only. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** The JSON Schema of one unified resource (`libs/unified-models/schemas/<resource>.schema.json`). */
export interface ResourceSchema extends JsonSchema {
  readonly $schema: string;
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly type: string;
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties: boolean;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

const SCHEMAS: Readonly<Record<UnifiedResourceName, ResourceSchema>> = deepFreeze({
  accounts,
  attachments,
  collections,
  comments,
  contacts,
  fields,
  organizations,
  tags,
  task_lists,
  tasks,
  teams,
  ticket_priorities,
  ticket_status,
  ticket_types,
  tickets,
  users,
  workspaces,
});

/** The JSON Schema of a resource (shared, frozen object: clone it before changing it). */
export function getResourceSchema(resource: UnifiedResourceName): ResourceSchema {
  const schema = SCHEMAS[resource];
  if (!schema) throw new Error(`Unknown unified resource: ${String(resource)}`);
  return schema;
}

const CONTRACT_FIELDS = Object.fromEntries(
  UNIFIED_RESOURCES.map((resource) => [resource, Object.freeze(Object.keys(SCHEMAS[resource].properties))]),
) as Readonly<Record<UnifiedResourceName, readonly string[]>>;

/**
 * The contract's field names of a resource, in contract order (the schema's `properties`; `remote_data`
 * is not among them). Throws for a name that is not a unified resource.
 */
export function contractFieldsOf(resource: string): readonly string[] {
  if (!isUnifiedResourceName(resource)) throw new Error(`Unknown unified resource: ${resource}`);
  return CONTRACT_FIELDS[resource];
}

export interface RecordValidationError {
  /** JSON Pointer to the offending value ('' for the record itself). */
  path: string;
  /** The JSON Schema keyword that failed (type, enum, format, required, additionalProperties…). */
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export interface RecordValidationResult {
  valid: boolean;
  errors: RecordValidationError[];
}

export type RecordValidator = (record: unknown) => RecordValidationResult;

export interface RecordValidatorOptions {
  /**
   * Accept properties that the contract does not define (at any depth). Off by default: the schemas are
   * closed so that mapping typos surface. Turn it on to check records produced by tenant or connection
   * mapping overrides that add fields of their own.
   */
  allowAdditionalProperties?: boolean;
}

/** Same schema with every `additionalProperties: false` dropped. */
function opened(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(opened);
  if (!node || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    copy[key] = opened(value);
  }
  return copy;
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

const ajvs = new Map<boolean, Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

function compile(resource: UnifiedResourceName, open: boolean): ValidateFunction {
  const key = `${resource}:${open}`;
  let validate = compiled.get(key);
  if (!validate) {
    let ajv = ajvs.get(open);
    if (!ajv) ajvs.set(open, (ajv = newAjv()));
    const schema = getResourceSchema(resource);
    validate = ajv.compile(open ? (opened(schema) as JsonSchema) : schema);
    compiled.set(key, validate);
  }
  return validate;
}

function toError(error: ErrorObject): RecordValidationError {
  const extra =
    error.keyword === 'additionalProperties' ? `: ${String(error.params.additionalProperty)}` : '';
  return {
    path: error.instancePath,
    keyword: error.keyword,
    message: `${error.message ?? 'is invalid'}${extra}`,
    params: { ...error.params },
  };
}

/**
 * Drops the noise of nullable fields (`anyOf: [shape, null]`): the "must be null" alternative and the
 * anyOf summary, whenever a more precise error about the same value remains.
 */
function withoutNullableNoise(errors: ErrorObject[]): ErrorObject[] {
  const isNullAlternative = (e: ErrorObject) => e.keyword === 'type' && e.params.type === 'null';
  const precise = errors.filter((e) => e.keyword !== 'anyOf' && !isNullAlternative(e));
  const covered = (path: string) =>
    precise.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`));
  return errors.filter((e) => !((e.keyword === 'anyOf' || isNullAlternative(e)) && covered(e.instancePath)));
}

/**
 * A validator of unified records of one resource against its JSON Schema (Ajv, draft 2020-12, with
 * formats). Compiled once per resource and option set, then cached.
 */
export function createRecordValidator(
  resource: UnifiedResourceName,
  options: RecordValidatorOptions = {},
): RecordValidator {
  const validate = compile(resource, options.allowAdditionalProperties === true);
  return (record: unknown): RecordValidationResult => {
    const valid = validate(record) === true;
    return { valid, errors: valid ? [] : withoutNullableNoise(validate.errors ?? []).map(toError) };
  };
}
