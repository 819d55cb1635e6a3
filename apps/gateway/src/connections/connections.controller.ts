import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { ApiAnswer } from '../openapi/answer-schema';
import { TenantId } from '../auth/tenant-id.decorator';
import { CreateConnectionBody, UpdateConnectionBody } from './connection-bodies';
import { ConnectionsService } from './connections.service';
import { WebhookRegistrationService } from './webhook-registration.service';
import { ApiError } from '@app/http';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('connections')
@UseGuards(TenantAuthGuard)
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly webhooks: WebhookRegistrationService,
  ) {}

  @Post()
  @HttpCode(201)
  create(@TenantId() tenantId: string, @Body() body: CreateConnectionBody) {
    return this.connections.create(tenantId, body);
  }

  @Get()
  @ApiQuery({ name: 'external_id', required: false, description: 'Only the connections of this end user' })
  async list(@TenantId() tenantId: string, @Query('external_id') externalId?: string) {
    const result = await this.connections.list(
      tenantId,
      typeof externalId === 'string' ? externalId : undefined,
    );
    return { result, result_count: result.length };
  }

  @Get(':id')
  get(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.connections.get(tenantId, id);
  }

  @Patch(':id')
  update(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: UpdateConnectionBody) {
    return this.connections.update(tenantId, id, body);
  }

  /** Checks the provider webhook we registered now, re-creating it when it is gone (otherwise done periodically). */
  @Post(':id/webhook/check')
  @HttpCode(200)
  @ApiAnswer(200, 'The webhook’s state after the check (registered again when it was gone)', 'WebhookCheck')
  async checkWebhook(@TenantId() tenantId: string, @Param('id') id: string) {
    await this.connections.find(tenantId, id);
    const status = await this.webhooks.check(tenantId, id);
    if (status === undefined)
      throw new ApiError(400, 'This provider’s webhooks are not registered through its API here');
    return { connection_id: id, webhook_status: status };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@TenantId() tenantId: string, @Param('id') id: string): Promise<void> {
    await this.connections.delete(tenantId, id);
  }
}
