import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';

// Where class-transformer keeps `@Type(() => Dto)`: the class a nested property is validated as.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadata;
};

export type JsonSchema = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by Function
type DtoClass = Function;
type Condition = (object: object, value: unknown) => boolean;

const CONDITIONAL = 'conditionalValidation';
const NESTED = 'nestedValidation';
const IS_DEFINED = 'isDefined';
const NOT_NULL = { not: { type: 'null' } };

/**
 * JSON Schemas (2020-12) of class-validator DTOs, read from the same metadata the validation pipe runs,
 * so the published document accepts exactly what the server accepts: every decorator maps to its
 * keyword, `IsOptional`/`ValidateIf` decide absence and `null` by running their own conditions, and
 * unknown properties are refused (`forbidNonWhitelisted`). A decorator with no known keyword throws:
 * a new validator must be taught here before it can reach the document.
 */
export class ValidatorSchemas {
  /** Component name → schema of every DTO reached so far (nested ones included). */
  readonly components: Record<string, JsonSchema> = {};

  /** A `$ref` to the DTO's schema, converting it (and what it nests) on first use. */
  ref(dto: DtoClass): JsonSchema {
    if (!(dto.name in this.components)) {
      this.components[dto.name] = {};
      this.components[dto.name] = this.convert(dto);
    }
    return { $ref: `#/components/schemas/${dto.name}` };
  }

  private convert(dto: DtoClass): JsonSchema {
    const all = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of all) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const rules: JsonSchema[] = [];
    const names = [...byProperty.keys()];
    for (const [name, metadata] of byProperty) {
      const conditions = metadata
        .filter((m) => m.type === CONDITIONAL)
        .map((m) => m.constraints[0] as Condition);
      const rule = crossFieldRule(name, names, conditions);
      const skipped = (value: unknown, object: object = {}) => conditions.some((c) => !c(object, value));
      const value = this.valueSchema(dto, name, metadata);
      const nullable = skipped(null) || (rule !== undefined && skipped(null, { [rule.other]: 'x' }));
      properties[name] = nullable ? withNull(value) : value;
      if (rule) rules.push(rule.schema);
      else if (!skipped(undefined)) required.push(name);
    }
    return {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      ...(rules.length === 1 ? rules[0] : rules.length ? { allOf: rules } : {}),
      additionalProperties: false,
    };
  }

  private valueSchema(dto: DtoClass, property: string, metadata: ValidationMetadata[]): JsonSchema {
    const own: JsonSchema = {};
    const items: JsonSchema = {};
    for (const m of metadata) {
      if (m.type === CONDITIONAL || m.type === IS_DEFINED) continue;
      const target = m.each ? items : own;
      if (m.type === NESTED) {
        const nested = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
        if (!nested) throw new Error(`${dto.name}.${property}: @ValidateNested without @Type`);
        Object.assign(target, this.ref(nested as DtoClass));
        continue;
      }
      Object.assign(target, keywordOf(m, `${dto.name}.${property}`));
    }
    if (own.type === 'array' && Object.keys(items).length > 0) own.items = items;
    // An object validated as a nested DTO is that DTO's schema (which says `type: object` itself).
    if (own.$ref && own.type === 'object') delete own.type;
    return own;
  }
}

/** The schema keywords of one class-validator decorator. */
function keywordOf(m: ValidationMetadata, where: string): JsonSchema {
  const [first] = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return { type: 'string', minLength: 1 };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'matches':
      return { type: 'string', pattern: (first as RegExp).source ?? String(first) };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { type: 'array' };
    case 'arrayNotEmpty':
      return { minItems: 1 };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayMinSize':
      return { minItems: first };
    case 'isIn':
      return { enum: first as unknown[] };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isIsoDateTime':
      return { type: 'string', format: 'date-time' };
    case 'isIsoDateOrDateTime':
      return { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] };
    default:
      throw new Error(`${where}: no JSON Schema keyword for @${m.name ?? m.type}`);
  }
}

function withNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && !schema.enum && !schema.$ref)
    return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * A condition that looks at another property (`body` is required unless `html_body` is given): which one,
 * and the rule it makes — when the other is absent or null, this one must be present (when its absence
 * is not skipped) and not null (when null is not skipped).
 */
function crossFieldRule(
  name: string,
  names: string[],
  conditions: Condition[],
): { other: string; schema: JsonSchema } | undefined {
  const skipped = (value: unknown, object: object) => conditions.some((c) => !c(object, value));
  const others = names.filter(
    (other) =>
      other !== name && [undefined, null, 'x'].some((v) => skipped(v, {}) !== skipped(v, { [other]: 'x' })),
  );
  if (others.length === 0) return undefined;
  if (others.length > 1) throw new Error(`${name}: a condition on several properties has no schema here`);
  const [other] = others;
  const whenOtherAbsent: JsonSchema = {
    ...(skipped(undefined, {}) ? {} : { required: [name] }),
    ...(skipped(null, {}) ? {} : { properties: { [name]: NOT_NULL } }),
  };
  return {
    other,
    schema: { anyOf: [{ required: [other], properties: { [other]: NOT_NULL } }, whenOtherAbsent] },
  };
}
