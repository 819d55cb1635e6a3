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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { ApiAnswer } from '../openapi/answer-schema';
import { TenantId } from '../auth/tenant-id.decorator';
import {
  AttemptsQuery,
  CreateSubscriptionBody,
  ReplayBody,
  UpdateSubscriptionBody,
} from './subscription-bodies';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Outbound webhooks (docs/delivery.md): signed POSTs of the unified events to the tenant's URLs.
 * Another tenant's subscription is a 404 on every route.
 */
@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
@UseGuards(TenantAuthGuard)
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** The answer carries the signing secret, once. */
  @Post()
  @HttpCode(201)
  @ApiAnswer(201, 'The subscription with its signing secret (shown this once)', 'SubscriptionWithSecret')
  create(@TenantId() tenantId: string, @Body() body: CreateSubscriptionBody) {
    return this.subscriptions.create(tenantId, body);
  }

  @Get()
  @ApiAnswer(200, 'This tenant’s subscriptions, oldest first', 'SubscriptionList')
  async list(@TenantId() tenantId: string) {
    const result = await this.subscriptions.list(tenantId);
    return { result, result_count: result.length };
  }

  @Get(':id')
  @ApiAnswer(200, 'The subscription (never its secret)', 'Subscription')
  get(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.subscriptions.get(tenantId, id);
  }

  @Patch(':id')
  @ApiAnswer(200, 'The subscription as it is now (never its secret)', 'Subscription')
  update(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: UpdateSubscriptionBody) {
    return this.subscriptions.update(tenantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@TenantId() tenantId: string, @Param('id') id: string): Promise<void> {
    await this.subscriptions.delete(tenantId, id);
  }

  /** A new secret, returned once; the old one keeps signing for the rotation window. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiAnswer(200, 'The subscription with its new signing secret (shown this once)', 'SubscriptionWithSecret')
  rotate(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.subscriptions.rotateSecret(tenantId, id);
  }

  @Get(':id/attempts')
  @ApiAnswer(200, 'One page of delivery attempts, newest first', 'DeliveryAttemptPage')
  attempts(@TenantId() tenantId: string, @Param('id') id: string, @Query() query: AttemptsQuery) {
    return this.subscriptions.attempts(tenantId, id, query);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiAnswer(202, 'How many deliveries were made due again', 'Replay')
  replay(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: ReplayBody) {
    return this.subscriptions.replay(tenantId, id, body);
  }
}
