import { readFileSync } from 'node:fs';
import type { Connection, ConnectionRepository } from './connection';

/**
 * Connections read from a JSON file (an array of Connection). The foundation's stand-in until the
 * database-backed store arrives; it validates the file at start-up so a typo fails fast.
 */
export class FileConnectionRepository implements ConnectionRepository {
  private readonly byId: ReadonlyMap<string, Connection>;

  constructor(connections: readonly Connection[]) {
    this.byId = new Map(connections.map((c) => [c.id, c]));
  }

  static fromFile(path: string): FileConnectionRepository {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read connections from ${path}: ${(error as Error).message}`);
    }
    return new FileConnectionRepository(parseConnections(parsed, path));
  }

  async findById(id: string): Promise<Connection | undefined> {
    return this.byId.get(id);
  }
}

export function parseConnections(value: unknown, origin: string): Connection[] {
  if (!Array.isArray(value)) throw new Error(`${origin}: expected an array of connections`);
  return value.map((item: unknown, index) => {
    const c = item as Partial<Connection>;
    for (const key of ['id', 'tenantId', 'provider'] as const) {
      if (typeof c?.[key] !== 'string' || c[key] === '') {
        throw new Error(`${origin}: connection #${index} needs a non-empty string "${key}"`);
      }
    }
    return {
      id: c.id as string,
      tenantId: c.tenantId as string,
      provider: c.provider as string,
      settings: { ...(c.settings ?? {}) },
      credentials: { ...(c.credentials ?? {}) },
      webhookSecret: c.webhookSecret,
    };
  });
}
