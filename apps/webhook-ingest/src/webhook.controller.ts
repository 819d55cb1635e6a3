import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { IngestConfig } from './ingest.config';
import { WebhookIntakeService } from './webhook-intake.service';

@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly intake: WebhookIntakeService,
    private readonly config: IngestConfig,
  ) {}

  /** 202 only after the broker acknowledged; every refusal is a JSON error and publishes nothing. */
  @Post(':connectionId')
  @HttpCode(202)
  async receive(@Param('connectionId') connectionId: string, @Req() request: FastifyRequest) {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const outcome = await this.intake.receive({ connectionId, headers: request.headers, rawBody });
    switch (outcome.kind) {
      case 'accepted':
        return { status: 'accepted', deliveryId: outcome.deliveryId };
      case 'unknown_connection':
        throw new ApiError(404, `No connection ${connectionId} accepts webhooks`);
      case 'rejected_signature':
        throw new ApiError(401, 'Webhook signature verification failed', { reason: outcome.reason });
      case 'invalid_json':
        throw new ApiError(400, 'The body is not valid JSON', { parser: outcome.message });
      case 'unavailable':
        throw new ApiError(503, outcome.message, undefined, {
          'retry-after': String(this.config.INGEST_RETRY_AFTER_SECONDS),
        });
    }
  }
}
