/**
 * How the emulator serves Help Scout's objects: HAL lists (`_embedded`, `_links`, `page`) and the
 * people, tags and threads a conversation embeds, joined from the stored ids.
 */
import type { EmulatorContext, EmulatorPaging, PageInfo, ProviderObject } from '../kit/described';

/** Fixed page sizes: 25 conversations, 50 of anything else; Help Scout takes no size parameter. */
export const pagingOf = (size: number): EmulatorPaging => ({
  style: 'page-number',
  pageParam: 'page',
  // Help Scout has no size parameter; this one is never sent, and is removed from links.
  sizeParam: 'emulatorPageSize',
  defaultSize: size,
  maxSize: size,
  linkHeader: false,
});

const withoutSize = (url: string) => {
  const parsed = new URL(url);
  parsed.searchParams.delete('emulatorPageSize');
  return parsed.toString();
};

/** A HAL list: the page's records under `_embedded.<name>`, links to the next page, page counts. */
export const halList = (name: string) => (items: unknown[], info: PageInfo) => ({
  _embedded: { [name]: items },
  _links: {
    ...(info.nextUrl ? { next: { href: withoutSize(info.nextUrl) } } : {}),
  },
  page: { size: info.size, totalElements: info.total, totalPages: info.totalPages, number: info.page },
});

/** A user or customer as conversations and threads show them. */
export function person(
  ctx: EmulatorContext,
  id: unknown,
  type: 'user' | 'customer',
): ProviderObject | undefined {
  if (id === null || id === undefined) return undefined;
  const found = ctx.find(type === 'user' ? 'users' : 'customers', (r) => r.id === id);
  const email =
    type === 'user' ? found?.email : (found?._embedded as { emails: { value: string }[] })?.emails[0]?.value;
  return { id, type, first: found?.firstName ?? '', last: found?.lastName ?? '', email: email ?? '' };
}

export function renderThread(thread: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const { conversationId: _conversation, customerId, assignedToId, createdBy, ...rest } = thread;
  const by = createdBy as { id: number; type: 'user' | 'customer' };
  return {
    ...rest,
    customer: person(ctx, customerId, 'customer'),
    createdBy: person(ctx, by.id, by.type),
    assignedTo: person(ctx, assignedToId, 'user'),
    _embedded: { attachments: [] },
  };
}

const threadsOf = (ctx: EmulatorContext, conversationId: unknown) =>
  ctx
    .records('threads')
    .filter((t) => t.conversationId === conversationId)
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || Number(b.id) - Number(a.id));

export const NEWEST_FIRST = (a: ProviderObject, b: ProviderObject) =>
  String(b.createdAt).localeCompare(String(a.createdAt)) || Number(b.id) - Number(a.id);

export function renderConversation(
  c: ProviderObject,
  ctx: EmulatorContext,
  embedThreads: boolean,
): ProviderObject {
  const threads = threadsOf(ctx, c.id);
  const newest = threads.find((t) => t.type !== 'lineitem');
  const { assigneeId, primaryCustomerId, createdBy, tags, customFields, ...rest } = c;
  const by = createdBy as { id: number; type: 'user' | 'customer' };
  const fields = ctx.records('mailbox_fields');
  const base = 'https://api.helpscout.net/v2';
  return {
    ...rest,
    threads: threads.filter((t) => t.type !== 'lineitem').length,
    preview: String(newest?.body ?? '')
      .replace(/<[^>]*>/g, '')
      .slice(0, 185),
    ...(assigneeId ? { assignee: person(ctx, assigneeId, 'user') } : {}),
    createdBy: person(ctx, by.id, by.type),
    closedByUser: c.closedBy ? person(ctx, c.closedBy, 'user') : undefined,
    customerWaitingSince: { time: c.userUpdatedAt, friendly: 'Jan 2' },
    tags: (tags as string[]).map((name) => {
      const tag = ctx.find('tags', (t) => t.name === name);
      return { id: tag?.id, color: tag?.color, tag: name };
    }),
    cc: [],
    bcc: [],
    primaryCustomer: person(ctx, primaryCustomerId, 'customer'),
    customFields: (customFields as { id: number; value: string }[]).map((f) => {
      const field = fields.find((d) => d.id === f.id);
      const option = (field?.options as { id: number; label: string }[] | undefined)?.find(
        (o) => String(o.id) === f.value,
      );
      return { id: f.id, name: field?.name, value: f.value, text: option?.label ?? f.value };
    }),
    ...(embedThreads ? { _embedded: { threads: threads.map((t) => renderThread(t, ctx)) } } : {}),
    _links: {
      mailbox: { href: `${base}/mailboxes/${String(c.mailboxId)}` },
      primaryCustomer: { href: `${base}/customers/${String(primaryCustomerId)}` },
      self: { href: `${base}/conversations/${String(c.id)}` },
      threads: { href: `${base}/conversations/${String(c.id)}/threads` },
      web: { href: `https://secure.helpscout.net/conversation/${String(c.id)}/${String(c.number)}` },
    },
  };
}
