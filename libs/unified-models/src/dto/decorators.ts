import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateBy,
  ValidateNested,
  buildMessage,
  isISO8601,
  isRFC3339,
} from 'class-validator';

/**
 * Composite property decorators for the DTOs. Optional fields accept `null` (clear the value);
 * required ones reject it.
 */
type Decorators = PropertyDecorator[];
/** A DTO class, as `@Type` wants it. */
export type DtoClass = new () => object;

function compose(decorators: Decorators): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

function presence(required: boolean): Decorators {
  return required ? [IsDefined()] : [IsOptional()];
}

export interface FieldOptions {
  required?: boolean;
}

export function StringField({ required = false }: FieldOptions = {}): PropertyDecorator {
  return compose([...presence(required), IsString(), ...(required ? [IsNotEmpty()] : [])]);
}

export function BooleanField(): PropertyDecorator {
  return compose([IsOptional(), IsBoolean()]);
}

export function SizeField(): PropertyDecorator {
  return compose([IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0)]);
}

/**
 * An absolute http(s) or ftp URL of printable ASCII (percent-encode the rest). A plain pattern rather
 * than a URL parser, so the OpenAPI document states exactly what is accepted; the provider judges the rest.
 */
export const WEB_URL = /^(https?|ftp):\/\/[!-~]+$/;

export function UrlField({ required = false }: FieldOptions = {}): PropertyDecorator {
  return compose([
    ...presence(required),
    Matches(WEB_URL, { message: '$property must be an absolute http(s) or ftp URL' }),
  ]);
}

export function EmailField(): PropertyDecorator {
  return compose([IsDefined(), IsEmail()]);
}

export function StringArrayField(): PropertyDecorator {
  return compose([IsOptional(), IsArray(), IsString({ each: true })]);
}

export function ObjectField(): PropertyDecorator {
  return compose([IsOptional(), IsObject()]);
}

export function InField(
  values: readonly string[],
  { required = false }: FieldOptions = {},
): PropertyDecorator {
  return compose([...presence(required), IsIn([...values])]);
}

/** A nested object (a reference, most often) validated against its DTO class. */
export function NestedField(dto: () => DtoClass, { required = false }: FieldOptions = {}): PropertyDecorator {
  return compose([...presence(required), IsObject(), ValidateNested(), Type(dto)]);
}

/** An array of nested objects, each validated against its DTO class. */
export function NestedArrayField(dto: () => DtoClass): PropertyDecorator {
  return compose([IsOptional(), IsArray(), ValidateNested({ each: true }), Type(dto)]);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** ISO-8601 date-time with a time-zone offset (RFC 3339), as JSON Schema's `date-time`. */
export function DateTimeField(): PropertyDecorator {
  return compose([
    IsOptional(),
    ValidateBy({
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) => isISO8601(value, { strict: true }) && isRFC3339(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO-8601 date-time with a time-zone offset`,
        ),
      },
    }),
  ]);
}

/** ISO-8601 calendar date (`2026-03-01`) or date-time with offset. */
export function DateOrDateTimeField(): PropertyDecorator {
  return compose([
    IsOptional(),
    ValidateBy({
      name: 'isIsoDateOrDateTime',
      validator: {
        validate: (value: unknown) =>
          isISO8601(value, { strict: true }) &&
          typeof value === 'string' &&
          (DATE_ONLY.test(value) || isRFC3339(value)),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO-8601 date or a date-time with a time-zone offset`,
        ),
      },
    }),
  ]);
}
