import { Body, Controller, Header, Headers, HttpCode, Logger, Post, UseGuards } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { ApiError, reasonPhrase } from '@app/http';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { readBatch, type BatchItem } from './batch-requests';

/** Calls of one batch running at once: enough to overlap provider latency, few enough to stay fair. */
export const BATCH_CONCURRENCY = 5;
/** The answer headers an item passes on (versions, waits, replays); transport headers are the batch's. */
const ANSWER_HEADERS = [
  'content-type',
  'etag',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'idempotent-replayed',
  'allow',
];
const JSON_CONTENT = 'application/json; charset=utf-8';
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const logger = new Logger('BatchController');

/**
 * `POST /batch`: up to 50 unified calls, each run as a call of its own through the gateway's own routing
 * (same guards, validation, fair use, idempotency and errors) with the batch's API key, so it acts for
 * the batch's tenant and no other. Up to 5 run at once; answers come in the order of the requests, each
 * with its status, headers and body, whatever the others did. Documented in openapi/batch-document.ts.
 */
@ApiExcludeController()
@Controller('batch')
@UseGuards(TenantAuthGuard)
export class BatchController {
  constructor(private readonly adapter: HttpAdapterHost) {}

  @Post()
  @HttpCode(200)
  @Header('content-type', JSON_CONTENT)
  async run(
    @Body() body: unknown,
    @Headers('authorization') authorization: string,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<Buffer> {
    if (key !== undefined)
      throw new ApiError(400, "Idempotency-Key is per write in a batch: set it in that item's headers");
    const items = readBatch(body);
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    const answers = await mapLimited(items, BATCH_CONCURRENCY, (item) =>
      runItem(fastify, authorization, item),
    );
    return Buffer.concat([
      Buffer.from('{"responses":['),
      ...answers.flatMap((answer, index) => (index === 0 ? [answer] : [Buffer.from(','), answer])),
      Buffer.from(']}'),
    ]);
  }
}

/** One item's answer as JSON bytes; a unified answer's body is spliced in as it came (remote_data bytes kept). */
async function runItem(fastify: FastifyInstance, authorization: string, item: BatchItem): Promise<Buffer> {
  if (!item.call) {
    const error = {
      statusCode: 400,
      error: reasonPhrase(400),
      message: 'Invalid batch request',
      details: item.problems,
    };
    return Buffer.from(JSON.stringify({ id: item.id, status: 400, headers: {}, body: error }));
  }
  const { method, url, body, headers } = item.call;
  const answer = await fastify
    .inject({
      method,
      url,
      headers: {
        ...headers,
        authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    })
    .catch((error: unknown) => {
      // Items are checked before they run, so this is ours, not the caller's: a 500 for this item alone.
      logger.error(`batch item ${method} ${url.split('?')[0]} failed: ${String(error)}`);
      return undefined;
    });
  if (!answer) {
    const error = { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error' };
    return Buffer.from(JSON.stringify({ id: item.id, status: 500, headers: {}, body: error }));
  }
  const passed: Record<string, string> = {};
  for (const name of ANSWER_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined) passed[name] = String(value);
  }
  const head = JSON.stringify({ id: item.id, status: answer.statusCode, headers: passed }).slice(0, -1);
  const payload = answer.rawPayload;
  if (payload.length === 0) return Buffer.from(`${head}}`);
  // Unified answers, raw ones (application/vnd.ticketing.provider+json) and errors are all JSON.
  const isJson = JSON_MEDIA_TYPE.test(String(answer.headers['content-type'] ?? ''));
  const bodyJson = isJson ? payload : Buffer.from(JSON.stringify(payload.toString('utf8')));
  return Buffer.concat([Buffer.from(`${head},"body":`), bodyJson, Buffer.from('}')]);
}

/** Runs `work` over the items with at most `limit` at once, answers in the items' order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
