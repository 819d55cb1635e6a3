import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ApiError } from '@app/http';
import { CREATE_DTOS, UPDATE_DTOS, type UnifiedResourceName } from '@app/unified-models';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Validates a create or update body against the resource's DTO; a 400 lists every bad field. */
export function validateUnifiedBody(
  resource: UnifiedResourceName,
  kind: 'create' | 'update',
  body: unknown,
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'The body must be a JSON object');
  }
  const dto = (kind === 'create' ? CREATE_DTOS : UPDATE_DTOS)[resource];
  const instance = plainToInstance(dto as new () => object, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ApiError(400, `Invalid ${resource} body`, flatten(errors));
  return body as Record<string, unknown>;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
