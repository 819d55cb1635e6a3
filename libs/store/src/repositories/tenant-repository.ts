import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId, nowIso } from '../ids';
import type { Tenant, TenantRepository } from '../types';

export class SqlTenantRepository implements TenantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { name: string }): Promise<Tenant> {
    const tenant: Tenant = { id: newId('ten'), name: input.name, created_at: nowIso() };
    await this.db.insertInto('tenants').values(tenant).execute();
    return tenant;
  }

  async findById(id: string): Promise<Tenant | undefined> {
    return this.db
      .selectFrom('tenants')
      .select(['id', 'name', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async list(): Promise<Tenant[]> {
    return this.db
      .selectFrom('tenants')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
