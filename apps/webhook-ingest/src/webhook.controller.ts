import { Controller, Head, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { IngestConfig } from './ingest.config';
import { WebhookIntakeService, type IntakeOutcome } from './webhook-intake.service';

@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly intake: WebhookIntakeService,
    private readonly config: IngestConfig,
  ) {}

  /** 202 only after the broker acknowledged; 200 for a redelivery; every refusal is a JSON error and publishes nothing. */
  @Post(':connectionId')
  @HttpCode(202)
  receive(
    @Param('connectionId') connectionId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.handle(connectionId, undefined, request, reply);
  }

  /** For providers that can only be given a URL: the secret we issued travels as the last path segment. */
  @Post(':connectionId/:token')
  @HttpCode(202)
  receiveWithToken(
    @Param('connectionId') connectionId: string,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.handle(connectionId, token, request, reply);
  }

  /** Trello-style verification: a HEAD must answer 200 (only where the definition declares it). */
  @Head(':connectionId')
  @HttpCode(200)
  async verify(
    @Param('connectionId') connectionId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.handle(connectionId, undefined, request, reply);
  }

  private async handle(
    connectionId: string,
    pathToken: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const outcome = await this.intake.receive({
      connectionId,
      method: request.method,
      headers: request.headers,
      query: request.query as Record<string, string | undefined>,
      pathToken,
      url: calledUrl(request),
      rawBody,
    });
    return this.answer(outcome, connectionId, reply);
  }

  private answer(outcome: IntakeOutcome, connectionId: string, reply: FastifyReply): unknown {
    switch (outcome.kind) {
      case 'accepted':
        return { status: 'accepted', deliveryId: outcome.deliveryId };
      case 'duplicate':
        void reply.status(200);
        return { status: 'duplicate', deliveryId: outcome.deliveryId };
      case 'handshake':
        void reply.status(outcome.answer.status).headers(outcome.answer.headers);
        return outcome.answer.body;
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

/**
 * The URL the provider called, for schemes that sign it: behind a proxy, the scheme and host it forwarded
 * (the first of a list), else the connection's own; the path and query as received.
 */
export function calledUrl(request: Pick<FastifyRequest, 'headers' | 'protocol' | 'url'>): string {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
  const scheme = first(request.headers['x-forwarded-proto']) ?? request.protocol;
  const host = first(request.headers['x-forwarded-host']) ?? first(request.headers.host) ?? 'localhost';
  return `${scheme}://${host}${request.url}`;
}
