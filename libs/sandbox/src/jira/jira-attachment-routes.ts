import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormData } from '../kit/multipart';
import { ISSUE_NOT_FOUND, param, sendError, type Query } from './jira-http';
import type { StoredAttachment } from './jira-model';
import { renderAttachment } from './jira-render';
import type { JiraSite } from './jira-site';

/** The largest file the emulator takes (a Jira Cloud site's limit is set by its admin). */
export const JIRA_MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

type IssueRequest = FastifyRequest<{ Params: { idOrKey: string }; Body: unknown }>;
type ContentRequest = FastifyRequest<{ Params: { id: string }; Querystring: Query }>;

/**
 * Attachments in and out as Jira Cloud takes them: `POST /rest/api/3/issue/{idOrKey}/attachments` with
 * `multipart/form-data` parts named `file` (one attachment each), refused without the
 * `X-Atlassian-Token: no-check` header that turns off Jira's XSRF check; the answer is the array of
 * attachments created. `GET /rest/api/3/attachment/content/{id}` serves the bytes; unless asked
 * `redirect=false` it answers 303 (Jira sends clients to its media service; the emulator back to itself).
 */
export function registerAttachmentRoutes(app: FastifyInstance, site: JiraSite): void {
  app.post('/rest/api/3/issue/:idOrKey/attachments', (request: IssueRequest, reply) => {
    const token = request.headers['x-atlassian-token'];
    if (token !== 'no-check' && token !== 'nocheck')
      return reply.status(403).type('text/plain;charset=UTF-8').send('XSRF check failed');
    const issue = site.state.findIssue(request.params.idOrKey);
    if (!issue) return sendError(reply, 404, [ISSUE_NOT_FOUND]);
    const form = request.body as Partial<FormData> | undefined;
    const files = (form?.files ?? []).filter((f) => f.field === 'file');
    if (!request.headers['content-type']?.startsWith('multipart/form-data') || files.length === 0)
      return sendError(reply, 400, ['No file was attached: send multipart/form-data parts named "file".']);
    const created = files.map((file) => {
      const attachment: StoredAttachment = {
        id: Number(site.state.nextId()),
        issueId: issue.id,
        filename: file.fileName,
        mimeType: file.contentType || 'application/octet-stream',
        size: file.bytes.length,
        authorId: site.accountOf(request),
        created: site.state.now(),
        content: file.bytes,
      };
      site.state.attachments.set(attachment.id, attachment);
      site.emit({
        timestamp: site.state.nowMs(),
        webhookEvent: 'attachment_created',
        attachment: renderAttachment(site.render(2), attachment),
      });
      return renderAttachment(site.render(3), attachment);
    });
    return reply.send(created);
  });

  app.get('/rest/api/3/attachment/content/:id', (request: ContentRequest, reply: FastifyReply) => {
    const attachment = site.state.attachments.get(Number(request.params.id));
    if (!attachment)
      return sendError(reply, 404, [`The attachment with id '${request.params.id}' does not exist`]);
    if (param(request.query, 'redirect') !== 'false')
      return reply.redirect(
        `${site.render().base}/rest/api/3/attachment/content/${attachment.id}?redirect=false`,
        303,
      );
    void reply
      .header('content-type', attachment.mimeType)
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      );
    const content = attachment.content ?? Buffer.alloc(attachment.size, `${attachment.filename}\n`);
    if (typeof content === 'function') {
      void reply.header('content-length', String(attachment.size));
      return reply.send(content());
    }
    return reply.header('content-length', String(content.length)).send(content);
  });
}

/** A readable of `size` bytes produced piece by piece (tests' large files), never held whole. */
export function generatedContent(size: number, chunk = 64 * 1024): () => Readable {
  return () => {
    let sent = 0;
    return new Readable({
      read() {
        if (sent >= size) return void this.push(null);
        const length = Math.min(chunk, size - sent);
        const piece = Buffer.alloc(length);
        for (let i = 0; i < length; i++) piece[i] = (sent + i) % 251;
        sent += length;
        this.push(piece);
      },
    });
  };
}
