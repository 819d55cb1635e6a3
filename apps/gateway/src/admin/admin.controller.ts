import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
