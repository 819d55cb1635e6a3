/**
 * The Attachment API (`/api/now/attachment`): `sys_attachment` records listed with an encoded query
 * (`table_sys_id=…`) and the Table API's paging, or read one by sys_id; each carries its `download_link`
 * (`…/attachment/{sys_id}/file`). Uploads are not emulated.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { encodedQuery, renderRecord } from './table-query';

const withLink = (ctx: EmulatorContext, record: ProviderObject) =>
  renderRecord(
    'sys_attachment',
    { ...record, download_link: `${ctx.baseUrl()}/api/now/attachment/${String(record.sys_id)}/file` },
    ctx,
  );

export function attachmentRoutes(app: FastifyInstance, kit: EmulatorKit, paging: EmulatorPaging): void {
  app.get('/api/now/attachment', async (request, reply) => {
    const ctx = kit.context(request);
    const { matches, order } = encodedQuery(ctx.query.sysparm_query);
    const page = kit.page([...ctx.records('sys_attachment').filter(matches)].sort(order), paging, ctx);
    if ('refused' in page)
      return reply.status(400).send({ error: { message: page.refused }, status: 'failure' });
    void reply.headers(page.headers);
    return { result: page.items.map((r) => withLink(ctx, r)) };
  });

  app.get('/api/now/attachment/:sys_id', async (request, reply) => {
    const ctx = kit.context(request);
    const record = ctx.find('sys_attachment', (r) => r.sys_id === ctx.params.sys_id);
    return record ? { result: withLink(ctx, record) } : kit.notFound(reply, 'sys_attachment');
  });
}
