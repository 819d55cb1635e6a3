import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { STORE, type Store } from '../store.provider';
import { Inject } from '@nestjs/common';
import { isNotModified, parseEntityTags } from './conditional-requests';
import { answerWrite } from './idempotent-write';
import { parseUnifiedQuery } from './unified-query';
import { UnifiedService } from './unified.service';

/** List and get answer JSON bytes (unified-answer.ts); errors still go out as the filter writes them. */
const JSON_CONTENT = 'application/json; charset=utf-8';

type FlatQuery = Record<string, string | string[] | undefined>;

/** `/unified/ticketing/{resource}[/{id}]?connection_id=…`. Documented per resource in the OpenAPI document. */
@ApiExcludeController()
@ApiBearerAuth()
@Controller('unified/ticketing')
@UseGuards(TenantAuthGuard)
export class UnifiedController {
  constructor(
    private readonly unified: UnifiedService,
    @Inject(STORE) private readonly store: Store,
  ) {}

  @Get(':resource')
  @Header('content-type', JSON_CONTENT)
  list(@TenantId() tenantId: string, @Param('resource') resource: string, @Query() query: FlatQuery) {
    return this.unified.list(tenantId, resource, parseUnifiedQuery(query));
  }

  /** One record with its `ETag`; `If-None-Match` naming that etag (or `*`) answers 304 without a body. */
  @Get(':resource/:id')
  async get(
    @TenantId() tenantId: string,
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Query() query: FlatQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const condition = parseEntityTags(ifNoneMatch, 'If-None-Match');
    const answer = await this.unified.get(tenantId, resource, id, parseUnifiedQuery(query));
    if (answer.etag === undefined) return reply.header('content-type', JSON_CONTENT).send(answer.body);
    void reply.header('etag', answer.etag);
    if (condition && isNotModified(condition, answer.etag)) return reply.status(304).send();
    return reply.header('content-type', JSON_CONTENT).send(answer.body);
  }

  @Post(':resource')
  async create(
    @TenantId() tenantId: string,
    @Param('resource') resource: string,
    @Query() query: FlatQuery,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const q = parseUnifiedQuery(query);
    return this.write(tenantId, key, request, reply, body, 201, q.raw, () =>
      this.unified.create(tenantId, resource, body, q),
    );
  }

  @Patch(':resource/:id')
  async update(
    @TenantId() tenantId: string,
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Query() query: FlatQuery,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const q = parseUnifiedQuery(query);
    const condition = parseEntityTags(ifMatch, 'If-Match');
    // Checked inside the idempotent run: a replay answers what the first call did, whatever the record is now.
    return this.write(tenantId, key, request, reply, body, 200, q.raw, () =>
      this.unified.update(tenantId, resource, id, body, q, condition),
    );
  }

  private write(
    tenantId: string,
    key: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    status: number,
    raw: boolean,
    run: () => Promise<unknown>,
  ) {
    return answerWrite(this.store, { tenantId, key, request, reply, fingerprint: body, status, raw, run });
  }

  @Delete(':resource/:id')
  @HttpCode(204)
  async remove(
    @TenantId() tenantId: string,
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Query() query: FlatQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const condition = parseEntityTags(ifMatch, 'If-Match');
    await this.unified.delete(tenantId, resource, id, parseUnifiedQuery(query), condition);
  }
}
