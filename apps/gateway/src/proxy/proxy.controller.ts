import { All, Body, Controller, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { ProviderClient, rawJsonOf, type HttpMethod } from '@app/providers';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { ConnectionsService } from '../connections/connections.service';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Provider response headers worth passing on; never cookies or auth challenges. */
const PASSED_HEADERS =
  /^(content-type|link|etag|last-modified|retry-after|x-ratelimit-.*|ratelimit-.*|x-rate-limit.*)$/i;

/** `/proxy/{connection_id}/{path}`: any provider call with the connection's credentials, answered as it came. */
/** Documented by hand in openapi/unified-document.ts: Nest's wildcard route has no valid OpenAPI form. */
@ApiExcludeController()
@Controller('proxy')
@UseGuards(TenantAuthGuard)
export class ProxyController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly client: ProviderClient,
  ) {}

  @All(':connectionId/*')
  async forward(
    @TenantId() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('*') path: string,
    @Query() query: Record<string, string>,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const method = request.method.toUpperCase() as HttpMethod;
    if (!METHODS.includes(method))
      throw new ApiError(405, `${request.method} cannot be proxied`, undefined, {
        allow: METHODS.join(', '),
      });
    if (path.split('/').some((segment) => segment === '..'))
      throw new ApiError(400, 'The path must not climb out of the API');
    const connection = await this.connections.context(tenantId, connectionId);
    let response;
    try {
      response = await this.client.passThrough(connection, {
        method,
        path: `/${path}`,
        params: query,
        body: ['GET', 'DELETE'].includes(method) ? undefined : body,
      });
    } catch (error) {
      throw await this.connections.failure(error, connection);
    }
    for (const [name, value] of Object.entries(response.headers)) {
      if (PASSED_HEADERS.test(name)) void reply.header(name, value);
    }
    // JSON goes back as the bytes the provider sent where the engine kept them.
    const raw = rawJsonOf(response.body);
    if (raw && !reply.hasHeader('content-type')) void reply.type('application/json; charset=utf-8');
    return reply
      .status(response.status)
      .send(raw ?? (typeof response.body === 'string' ? response.body : (response.body ?? '')));
  }
}
