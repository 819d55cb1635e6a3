/**
 * Front's objects as the Core API serves them, from the emulator's stored records: ids joined into
 * embedded objects, `_links` on the emulator's own origin (Front's are on the company's API host).
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { FRONT_API_AUTHOR } from './seed';

type Ctx = EmulatorContext;
const link = (ctx: Ctx, path: string) => `${ctx.baseUrl()}${path}`;
const byId = (ctx: Ctx, collection: string, id: unknown) =>
  id === null || id === undefined ? undefined : ctx.find(collection, (r) => r.id === id);

export function renderTeammate(t: ProviderObject, ctx: Ctx): ProviderObject {
  return {
    _links: {
      self: link(ctx, `/teammates/${String(t.id)}`),
      related: {
        inboxes: link(ctx, `/teammates/${String(t.id)}/inboxes`),
        conversations: link(ctx, `/teammates/${String(t.id)}/conversations`),
      },
    },
    ...t,
  };
}

/** A teammate by id; the API token's own author for what the API posted without `author_id`. */
export function teammateOrApi(ctx: Ctx, id: unknown): ProviderObject | null {
  if (id === FRONT_API_AUTHOR.id) return renderTeammate(FRONT_API_AUTHOR, ctx);
  const found = byId(ctx, 'teammates', id);
  return found ? renderTeammate(found, ctx) : null;
}

export function renderInbox(inbox: ProviderObject, ctx: Ctx): ProviderObject {
  const { team_id, ...rest } = inbox;
  const self = `/inboxes/${String(inbox.id)}`;
  return {
    _links: {
      self: link(ctx, self),
      related: {
        teammates: link(ctx, `${self}/teammates`),
        conversations: link(ctx, `${self}/conversations`),
        channels: link(ctx, `${self}/channels`),
        owner: team_id ? link(ctx, `/teams/${String(team_id)}`) : link(ctx, '/company'),
      },
    },
    ...rest,
  };
}

export function renderTeam(team: ProviderObject, ctx: Ctx): ProviderObject {
  const ids = (key: string) => (team[key] as string[]) ?? [];
  return {
    _links: { self: link(ctx, `/teams/${String(team.id)}`) },
    id: team.id,
    name: team.name,
    inboxes: ids('inbox_ids').flatMap((id) => {
      const inbox = byId(ctx, 'inboxes', id);
      return inbox ? [renderInbox(inbox, ctx)] : [];
    }),
    members: ids('member_ids').flatMap((id) => {
      const member = byId(ctx, 'teammates', id);
      return member ? [renderTeammate(member, ctx)] : [];
    }),
  };
}

export function renderTag(tag: ProviderObject, ctx: Ctx): ProviderObject {
  const { parent_tag_id, ...rest } = tag;
  const self = `/tags/${String(tag.id)}`;
  const hasChildren = ctx.records('tags').some((t) => t.parent_tag_id === tag.id);
  return {
    _links: {
      self: link(ctx, self),
      related: {
        conversations: link(ctx, `${self}/conversations`),
        owner: null,
        parent_tag: parent_tag_id ? link(ctx, `/tags/${String(parent_tag_id)}`) : null,
        children: hasChildren ? link(ctx, `${self}/children`) : null,
      },
    },
    ...rest,
  };
}

export function renderStatus(status: ProviderObject, ctx: Ctx): ProviderObject {
  return { _links: { self: link(ctx, `/company/statuses/${String(status.id)}`) }, ...status };
}

export function renderContact(contact: ProviderObject, ctx: Ctx): ProviderObject {
  const self = `/contacts/${String(contact.id)}`;
  return {
    _links: {
      self: link(ctx, self),
      related: {
        notes: link(ctx, `${self}/notes`),
        conversations: link(ctx, `${self}/conversations`),
        owner: null,
      },
    },
    ...contact,
  };
}

export function renderAccount(account: ProviderObject, ctx: Ctx): ProviderObject {
  const { contact_ids: _contacts, ...rest } = account;
  const self = `/accounts/${String(account.id)}`;
  return { _links: { self: link(ctx, self), related: { contacts: link(ctx, `${self}/contacts`) } }, ...rest };
}

/** A recipient as Front embeds it: the contact behind a handle is a link, null where there is none. */
function renderRecipient(r: ProviderObject, ctx: Ctx): ProviderObject {
  return {
    _links: { related: { contact: r.contact_id ? link(ctx, `/contacts/${String(r.contact_id)}`) : null } },
    name: r.name,
    handle: r.handle,
    role: r.role,
  };
}

/** Front's legacy status, kept beside the ticket status: trash wins, resolved reads as archived. */
export function legacyStatus(conversation: ProviderObject, ctx: Ctx): string {
  if (conversation.trashed) return 'deleted';
  const status = byId(ctx, 'statuses', conversation.status_id);
  if (status?.category === 'resolved') return 'archived';
  return conversation.assignee_id ? 'assigned' : 'unassigned';
}

export function renderConversation(c: ProviderObject, ctx: Ctx): ProviderObject {
  const self = `/conversations/${String(c.id)}`;
  const status = byId(ctx, 'statuses', c.status_id);
  const lastMessage = ctx
    .records('messages')
    .filter((m) => m.conversation_id === c.id)
    .sort((a, b) => Number(b.created_at) - Number(a.created_at))[0];
  const recipient = c.recipient as ProviderObject | null;
  return {
    _links: {
      self: link(ctx, self),
      related: {
        events: link(ctx, `${self}/events`),
        followers: link(ctx, `${self}/followers`),
        messages: link(ctx, `${self}/messages`),
        comments: link(ctx, `${self}/comments`),
        inboxes: link(ctx, `${self}/inboxes`),
        ...(lastMessage
          ? { last_message: link(ctx, `/messages/${String(lastMessage.id)}?referer=conversation`) }
          : {}),
      },
    },
    id: c.id,
    type: c.type,
    subject: c.subject,
    status: legacyStatus(c, ctx),
    status_id: c.status_id,
    status_category: status?.category,
    ticket_ids: c.ticket_ids,
    assignee: teammateOrApi(ctx, c.assignee_id),
    recipient: recipient ? renderRecipient(recipient, ctx) : null,
    tags: ((c.tag_ids as string[]) ?? []).flatMap((id) => {
      const tag = byId(ctx, 'tags', id);
      return tag ? [renderTag(tag, ctx)] : [];
    }),
    links: c.links,
    custom_fields: c.custom_fields,
    created_at: c.created_at,
    updated_at: c.updated_at,
    ...(c.waiting_since !== undefined ? { waiting_since: c.waiting_since } : {}),
    is_private: c.is_private,
    scheduled_reminders: c.scheduled_reminders,
    ...(c.type === 'task' ? { description: c.description ?? null, due_at: c.due_at ?? null } : {}),
    metadata: c.metadata,
  };
}

export function renderComment(comment: ProviderObject, ctx: Ctx): ProviderObject {
  const self = `/comments/${String(comment.id)}`;
  return {
    _links: {
      self: link(ctx, self),
      related: {
        conversation: link(ctx, `/conversations/${String(comment.conversation_id)}`),
        mentions: link(ctx, `${self}/mentions`),
        comment_replied_to: null,
      },
    },
    id: comment.id,
    author: teammateOrApi(ctx, comment.author_id),
    body: comment.body,
    posted_at: comment.posted_at,
    attachments: comment.attachments,
    is_pinned: comment.is_pinned,
  };
}

export function renderMessage(message: ProviderObject, ctx: Ctx): ProviderObject {
  const { conversation_id, author_id, recipients, ...rest } = message;
  const self = `/messages/${String(message.id)}`;
  return {
    _links: {
      self: link(ctx, self),
      related: {
        conversation: link(ctx, `/conversations/${String(conversation_id)}`),
        message_seen: link(ctx, `${self}/seen`),
      },
    },
    ...rest,
    author: teammateOrApi(ctx, author_id),
    recipients: (recipients as ProviderObject[]).map((r) => renderRecipient(r, ctx)),
  };
}

const TARGETS: Record<string, [string, (r: ProviderObject, ctx: Ctx) => ProviderObject]> = {
  message: ['messages', renderMessage],
  comment: ['comments', renderComment],
  tag: ['tags', renderTag],
  teammate: ['teammates', renderTeammate],
  inboxes: ['inboxes', renderInbox],
};

function renderEnd(end: ProviderObject | null, ctx: Ctx): ProviderObject | null {
  if (!end) return null;
  const type = String(end.type);
  if (type === 'inboxes') {
    const ids = (end.ids as string[]) ?? [end.id];
    const data = ids.flatMap((id) => {
      const inbox = byId(ctx, 'inboxes', id);
      return inbox ? [renderInbox(inbox, ctx)] : [];
    });
    return { _meta: { type }, data };
  }
  if (type === 'api') return { _meta: { type }, data: renderTeammate(FRONT_API_AUTHOR, ctx) };
  const [collection, render] = TARGETS[type] ?? [];
  const record = collection ? byId(ctx, collection, end.id) : undefined;
  return { _meta: { type }, data: record && render ? render(record, ctx) : (end.data ?? null) };
}

/** An event as GET /events/{id} serves it, which is also the body of an application webhook. */
export function renderEvent(e: ProviderObject, ctx: Ctx): ProviderObject {
  const conversation = byId(ctx, 'conversations', e.conversation_id);
  return {
    _links: { self: link(ctx, `/events/${String(e.id)}`) },
    id: e.id,
    type: e.type,
    emitted_at: e.emitted_at,
    source: renderEnd(e.source as ProviderObject | null, ctx),
    target: renderEnd(e.target as ProviderObject | null, ctx),
    conversation: conversation ? renderConversation(conversation, ctx) : null,
  };
}
