import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiError } from '@app/http';
import { AdminGuard } from '../auth/admin.guard';
import { ApiAnswer } from '../openapi/answer-schema';
import { STORE, type Store } from '../store.provider';

export class CreateTenantBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class IssueApiKeyBody {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

/** Tenants and their API keys, managed with the admin key. API key secrets are shown once. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/tenants')
@UseGuards(AdminGuard)
export class AdminController {
  constructor(@Inject(STORE) private readonly store: Store) {}

  @Post()
  @HttpCode(201)
  async createTenant(@Body() body: CreateTenantBody) {
    const tenant = await this.store.tenants.create({ name: body.name });
    const { apiKey, secret } = await this.store.apiKeys.issue(tenant.id, { name: 'default' });
    return { tenant, api_key: { ...apiKey, secret } };
  }

  @Get()
  async listTenants() {
    return { result: await this.store.tenants.list() };
  }

  @Post(':tenantId/api-keys')
  @HttpCode(201)
  async issueKey(@Param('tenantId') tenantId: string, @Body() body: IssueApiKeyBody) {
    if (!(await this.store.tenants.findById(tenantId))) throw new ApiError(404, `No tenant ${tenantId}`);
    const { apiKey, secret } = await this.store.apiKeys.issue(tenantId, { name: body.name ?? 'api key' });
    return { ...apiKey, secret };
  }

  @Get(':tenantId/api-keys')
  @ApiAnswer(200, 'The tenant’s API keys that are not revoked (never their secrets)', 'ApiKeyList')
  async listKeys(@Param('tenantId') tenantId: string) {
    if (!(await this.store.tenants.findById(tenantId))) throw new ApiError(404, `No tenant ${tenantId}`);
    return { result: await this.store.apiKeys.list(tenantId) };
  }

  /**
   * Revokes a key at once on this gateway process and within the read cache's second on the others
   * (docs/operations/caches.md). The tenant's other keys keep working, so a leaked key is replaced by
   * issuing a new one first, then revoking the old.
   */
  @Delete(':tenantId/api-keys/:keyId')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Revoked: the key is refused from now on' })
  async revokeKey(@Param('tenantId') tenantId: string, @Param('keyId') keyId: string): Promise<void> {
    if (!(await this.store.apiKeys.revoke(tenantId, keyId)))
      throw new ApiError(404, `No API key ${keyId} of tenant ${tenantId} (or it is already revoked)`);
  }

  /**
   * Erases what the platform keeps of a tenant's tickets (retained events and their deliveries, the
   * attempt log, idempotency records, webhook dedup keys); the tenant, its connections and
   * subscriptions stay. See docs/operations/data.md.
   */
  @Delete(':tenantId/stored-data')
  @ApiAnswer(200, 'What was deleted of the tenant’s stored ticket content', 'PurgedStoredData')
  async purgeStoredData(@Param('tenantId') tenantId: string) {
    if (!(await this.store.tenants.findById(tenantId))) throw new ApiError(404, `No tenant ${tenantId}`);
    return { tenant_id: tenantId, purged: await this.store.storedData.purgeTenant(tenantId) };
  }
}
