import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { CreateSyncBody } from './sync-bodies';
import { API_ERROR_SCHEMA, SYNC_JOB_LIST_SCHEMA, SYNC_JOB_SCHEMA } from './sync-schema';
import { SyncsService } from './syncs.service';

/**
 * Snapshots (docs/snapshots.md): a job pages through every record of the named resources and publishes
 * each as `ticketing.{entity}.synced`. Another tenant's job or connection is a 404 on every route.
 */
@ApiTags('syncs')
@ApiBearerAuth()
@Controller()
@UseGuards(TenantAuthGuard)
export class SyncsController {
  constructor(private readonly syncs: SyncsService) {}

  /** Queues a job; apps/poller's runner starts it. Answers at once with the queued job. */
  @Post('connections/:id/syncs')
  @HttpCode(202)
  @ApiResponse({
    status: 202,
    description: 'The queued job',
    schema: SYNC_JOB_SCHEMA,
    // Where the job is followed and cancelled (clients and Schemathesis' stateful phase walk these).
    links: {
      GetSync: { operationId: 'SyncsController_get', parameters: { id: '$response.body#/id' } },
      CancelSync: { operationId: 'SyncsController_cancel', parameters: { id: '$response.body#/id' } },
    },
  })
  @ApiResponse({
    status: 400,
    description:
      'The body breaks this document, names a resource the provider cannot list whole (details.listable), or gives a since a resource cannot filter on',
    schema: API_ERROR_SCHEMA,
  })
  @ApiResponse({ status: 404, description: 'No such connection', schema: API_ERROR_SCHEMA })
  create(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: CreateSyncBody) {
    return this.syncs.create(tenantId, id, body);
  }

  /** The connection's jobs, newest first (the last 100). */
  @Get('connections/:id/syncs')
  @ApiResponse({ status: 200, description: 'The jobs', schema: SYNC_JOB_LIST_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such connection', schema: API_ERROR_SCHEMA })
  async list(@TenantId() tenantId: string, @Param('id') id: string) {
    const result = await this.syncs.list(tenantId, id);
    return { result, result_count: result.length };
  }

  @Get('syncs/:id')
  @ApiResponse({ status: 200, description: 'The job and its progress per resource', schema: SYNC_JOB_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such sync job', schema: API_ERROR_SCHEMA })
  get(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.syncs.get(tenantId, id);
  }

  /** Cancels a queued job, or asks a running one to stop after its current page. */
  @Post('syncs/:id/cancel')
  @HttpCode(200)
  @ApiResponse({
    status: 200,
    description: 'The job: cancelled, or running with cancel_requested until its current page is done',
    schema: SYNC_JOB_SCHEMA,
  })
  @ApiResponse({ status: 404, description: 'No such sync job', schema: API_ERROR_SCHEMA })
  @ApiResponse({ status: 409, description: 'The job already completed or failed', schema: API_ERROR_SCHEMA })
  cancel(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.syncs.cancel(tenantId, id);
  }
}
