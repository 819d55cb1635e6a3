/** Thrown when a write names a tenant or connection that does not exist (for that tenant). */
export class StoreNotFoundError extends Error {
  constructor(
    readonly entity: 'tenant' | 'connection',
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'StoreNotFoundError';
  }
}

/**
 * Foreign-key violations look different per engine: PostgreSQL sets SQLSTATE 23503,
 * better-sqlite3 sets code SQLITE_CONSTRAINT_FOREIGNKEY.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
