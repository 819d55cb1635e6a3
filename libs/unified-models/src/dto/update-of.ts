import type { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';

/**
 * The update body of a resource: every field of its create body, all optional. Absent means "leave
 * unchanged"; `null` clears a field, and is rejected by fields that cannot be null (e.g. `name`).
 */
export function UpdateOf<T>(createDto: Type<T>): Type<Partial<T>> {
  return PartialType(createDto, { skipNullProperties: false });
}
