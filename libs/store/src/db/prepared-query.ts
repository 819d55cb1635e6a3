import { isDeepStrictEqual } from 'node:util';
import type { Compilable, Kysely } from 'kysely';

/**
 * A query Kysely builds and compiles once, then runs with new parameter values. Kysely otherwise
 * builds, freezes and compiles an operation tree on every call, which on a per-request path (the
 * ingest's dedup read, one per webhook) costs more CPU and garbage than SQLite's own execution.
 *
 * `build` receives placeholder values that stand for the parameters; it must use each of them once,
 * as a value (not in `sql` fragments that inline it). Construction checks that the compiled parameters
 * are exactly the placeholders in the order given, and throws otherwise, so a query whose parameters
 * Kysely would order differently cannot run with its values swapped.
 */
export function prepareQuery<DB, Row, Params extends readonly unknown[]>(
  db: Kysely<DB>,
  build: (...placeholders: Params) => Compilable<Row>,
  placeholders: Params,
): (...values: Params) => Promise<Row[]> {
  const compiled = build(...placeholders).compile();
  if (!isDeepStrictEqual([...compiled.parameters], [...placeholders])) {
    throw new Error(
      `prepareQuery: the compiled parameters ${JSON.stringify(compiled.parameters)} are not the placeholders ` +
        `${JSON.stringify(placeholders)} in order: ${compiled.sql}`,
    );
  }
  return async (...values) => (await db.executeQuery<Row>({ ...compiled, parameters: values })).rows;
}
