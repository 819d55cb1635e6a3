import {
  Body,
  Controller,
  Get,
  Headers,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import { answerWrite } from '../unified/idempotent-write';
import { parseUnifiedQuery } from '../unified/unified-query';
import { UnifiedService } from '../unified/unified.service';
import { isMultipart, uploadLimits, type UploadLimits } from './attachment-bodies';
import { AttachmentsService } from './attachments.service';
import { uploadFromForm, uploadFromJson } from './upload-request';

type FlatQuery = Record<string, string | string[] | undefined>;

/**
 * `POST /unified/ticketing/attachments` with a file (multipart `file` part, or JSON with base64
 * `content`) uploads it through the provider's flow; without one it is the plain unified create.
 * `GET /unified/ticketing/attachments/{id}/content` streams the file's bytes from the provider.
 * Documented in the OpenAPI document (openapi/attachment-paths.ts).
 */
@ApiExcludeController()
@ApiBearerAuth()
@Controller('unified/ticketing/attachments')
@UseGuards(TenantAuthGuard)
export class AttachmentsController {
  private readonly limits: UploadLimits;

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly unified: UnifiedService,
    @Inject(STORE) private readonly store: Store,
    config: GatewayConfig,
  ) {
    this.limits = uploadLimits(config.ATTACHMENT_MAX_BYTES);
  }

  @Post()
  async create(
    @TenantId() tenantId: string,
    @Query() query: FlatQuery,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const q = parseUnifiedQuery(query);
    const carriesFile =
      typeof body === 'object' && body !== null && !Array.isArray(body) && 'content' in body;
    const upload = isMultipart(request)
      ? await uploadFromForm(body as Readable, request.headers, this.limits)
      : carriesFile
        ? uploadFromJson(body as Record<string, unknown>, this.limits)
        : undefined;
    return answerWrite(this.store, {
      tenantId,
      key,
      request,
      reply,
      fingerprint: upload ? upload.fingerprint : body,
      status: 201,
      raw: q.raw,
      run: () =>
        upload
          ? this.attachments.upload(tenantId, q, upload)
          : this.unified.create(tenantId, 'attachments', body, q),
    });
  }

  /** The provider's bytes as they arrive, with its content type and length; never held whole here. */
  @Get(':id/content')
  async content(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() query: FlatQuery,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.attachments.download(tenantId, id, parseUnifiedQuery(query));
    void reply
      .header('content-type', file.contentType)
      // The provider's type is the file's word, not ours: browsers must not guess another.
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    if (file.contentLength !== undefined) void reply.header('content-length', String(file.contentLength));
    if (file.contentDisposition) void reply.header('content-disposition', file.contentDisposition);
    return reply.send(file.body);
  }
}
