import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZendeskContext } from './context';
import { badRequest, notFound, param, queryOf, recordInvalid, route } from './http';
import type { ZdAttachment } from './model';
import { attachmentJson } from './serialize';

/** The largest file the emulator takes (Zendesk's own limit is 50 MB per file). */
export const ZENDESK_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Upload tokens are good for 60 minutes; files never attached are then gone (404). */
const UPLOAD_TOKEN_MS = 60 * 60_000;

/**
 * Zendesk's file flow: `POST /api/v2/uploads?filename=…` with the file's raw bytes (its type in
 * `Content-Type`) answers a token (`token=` adds more files to it); a ticket comment naming the token in
 * `uploads` attaches the files. A content URL (`/attachments/token/{t}/?name=`) redirects to the content
 * host, which serves the bytes: Zendesk's is `{subdomain}.zdusercontent.com`; the emulator's is itself,
 * or `contentBase()` when a test puts it on another host.
 */
export function attachmentRoutes(app: FastifyInstance, ctx: ZendeskContext, contentBase: () => string): void {
  // The upload body is the file itself, whatever its type (a JSON file is bytes too).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ZENDESK_MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );
    route(scope, 'POST', '/api/v2/uploads', (request, reply) => {
      const query = queryOf(request);
      const fileName = param(query, 'filename');
      if (!fileName) throw badRequest('InvalidParameter', 'filename is required');
      const now = Date.parse(ctx.timestamp());
      const given = param(query, 'token');
      const upload = given
        ? liveUpload(ctx, given, now)
        : { attachments: [], expiresAt: now + UPLOAD_TOKEN_MS };
      if (!upload) throw notFound();
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const attachment: ZdAttachment = {
        id: ctx.nextId(),
        file_name: fileName,
        content_type: request.headers['content-type'] ?? 'application/binary',
        size: bytes.length,
        inline: false,
      };
      ctx.state.attachmentBytes.set(attachment.id, bytes);
      upload.attachments.push(attachment);
      const token = given ?? randomBytes(12).toString('base64url').toLowerCase().slice(0, 15);
      ctx.state.uploads.set(token, upload);
      void reply.status(201);
      return {
        upload: {
          token,
          expires_at: new Date(upload.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          attachments: upload.attachments.map((a) => attachmentJson(a, ctx.base())),
          attachment: attachmentJson(attachment, ctx.base()),
        },
      };
    });
  });

  route(app, 'DELETE', '/api/v2/uploads/:token', (request, reply) => {
    const token = String((request.params as { token: string }).token).replace(/\.json$/, '');
    if (!liveUpload(ctx, token, Date.parse(ctx.timestamp()))) throw notFound();
    ctx.state.uploads.delete(token);
    return reply.status(204).send();
  });

  const redirect = (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: import('fastify').FastifyReply,
  ) => {
    if (attachmentOf(ctx, request.params.token) === undefined) return reply.status(404).send('Not Found');
    const name = param(queryOf(request), 'name') ?? '';
    return reply.redirect(
      `${contentBase()}/attachments/content/${request.params.token}?name=${encodeURIComponent(name)}`,
      302,
    );
  };
  app.get('/attachments/token/:token/', redirect);
  app.get('/attachments/token/:token', redirect);
  app.get('/attachments/content/:token', (request: FastifyRequest<{ Params: { token: string } }>, reply) => {
    const attachment = attachmentOf(ctx, request.params.token);
    if (!attachment) return reply.status(404).send('Not Found');
    const bytes = ctx.state.attachmentBytes.get(attachment.id) ?? seededBytes(attachment);
    return reply
      .header('content-type', attachment.content_type)
      .header('content-length', String(bytes.length))
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`,
      )
      .send(bytes);
  });
}

/**
 * The files a comment's `uploads` tokens name, taken off their tokens (a token attaches once). A token
 * that is unknown or expired is refused (the emulator's choice, so a client's mistake shows).
 */
export function takeUploads(ctx: ZendeskContext, tokens: unknown): ZdAttachment[] {
  if (tokens === undefined || tokens === null) return [];
  const now = Date.parse(ctx.timestamp());
  const list = Array.isArray(tokens) ? tokens : [tokens];
  const uploads = list.map((token) => {
    const upload = typeof token === 'string' ? liveUpload(ctx, token, now) : undefined;
    if (!upload)
      throw recordInvalid({
        comment: [
          { description: `Uploads: ${String(token)} is not a valid upload token`, error: 'InvalidValue' },
        ],
      });
    return upload;
  });
  for (const token of list) ctx.state.uploads.delete(token as string);
  return uploads.flatMap((u) => u.attachments);
}

function liveUpload(ctx: ZendeskContext, token: string, now: number) {
  const upload = ctx.state.uploads.get(token);
  if (upload && upload.expiresAt <= now) ctx.state.uploads.delete(token);
  return upload && upload.expiresAt > now ? upload : undefined;
}

/** The attachment a content token (`tok{id}`) names, on a comment or still on its upload token. */
function attachmentOf(ctx: ZendeskContext, token: string): ZdAttachment | undefined {
  const id = Number(/^tok(\d+)$/.exec(token)?.[1]);
  const onComments = ctx.state.comments.flatMap((c) => c.attachments);
  const pending = [...ctx.state.uploads.values()].flatMap((u) => u.attachments);
  return [...onComments, ...pending].find((a) => a.id === id);
}

/** Seeded attachments have no bytes of their own: the same generated ones every time, of their size. */
function seededBytes(attachment: ZdAttachment): Buffer {
  return Buffer.alloc(attachment.size, `${attachment.file_name}\n`);
}
