import { randomUUID } from 'node:crypto';

/** Prefixed ids (`ten_…`, `con_…`) tell at a glance in logs and URLs what an id refers to. */
export function newId(prefix: 'ten' | 'key' | 'con'): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function toIso(date: Date | string): string {
  return typeof date === 'string' ? new Date(date).toISOString() : date.toISOString();
}
