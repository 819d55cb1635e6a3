/**
 * Seeded conversations with their messages, comments and events, shaped after ConversationResponse,
 * MessageResponse, CommentResponse and EventResponse of Front's Core API description. Stored with ids
 * (assignee, tags, inboxes, authors, the recipient's contact); the emulator renders Front's objects.
 * Every message and comment has the event Front records for it (`inbound`, `outbound`, `comment`), and
 * some conversations have `assign`/`tag` events too, as a real timeline does.
 */
import type { ProviderObject } from '../kit/described';
import { frontContactEmail } from './seed';

const T0 = 1764000000.125; // 2025-11-24T16:00:00.125Z
const HOUR = 3600;

const SUBJECTS = [
  'Order #4417 arrived damaged',
  'Invoice shows the wrong VAT rate',
  'Can we get a bulk discount?',
  'Tracking link does not work',
  'Q3 shipping policy review',
  'Refund for duplicate charge',
  'Paper weight options for brochures',
  'Restock the A4 warehouse shelf',
  'Login to the customer portal fails',
  'Handover notes for the holidays',
  'Wrong colour on reorder',
  'Unsubscribe me from everything',
  'Delivery window for Hamburg',
  'Account manager change',
];
const CONTACT_IDS = [
  'crd_3cgz4ge',
  'crd_3cgz4gf',
  'crd_3cgz4gg',
  'crd_3cgz4gh',
  'crd_3cgz4gi',
  'crd_3cgz4gj',
  'crd_3cgz4gk',
  'crd_3cgz4gl',
  'crd_3cgz4gm',
];
const ASSIGNEES = ['tea_6r55a', 'tea_6r56b', null, 'tea_6r57c', 'tea_6r58d'];
const STATUS_IDS = ['sts_5x', 'sts_5y', 'sts_5z', 'sts_61'];
const TAG_SETS = [['tag_2oxhvy'], ['tag_2oxhx0', 'tag_2oxhx1'], [], ['tag_2oxhx2'], ['tag_2oxhwz']];
const INBOXES = ['inb_1ix6', 'inb_1ix7', 'inb_1ix6', 'inb_1ix8'];
const DISCUSSIONS = new Set([4, 9]);
const TASK = 7;
const TRASHED = 11;
const SUPPORT_ADDRESS = 'support@acme-paper.example';

export const conversationId = (i: number) => `cnv_${(0x55c8c140 + i).toString(16)}`;
const base36 = (n: number, width: number) => n.toString(36).padStart(width, '0');

interface Seeded {
  conversations: ProviderObject[];
  messages: ProviderObject[];
  comments: ProviderObject[];
  events: ProviderObject[];
}

/** Fourteen conversations (emails, two discussions, one task, one in the trash) and their timelines. */
export function frontConversationSeed(): Seeded {
  const out: Seeded = { conversations: [], messages: [], comments: [], events: [] };
  let serial = 0;
  const event = (e: Omit<ProviderObject, 'id'>) =>
    out.events.push({ id: `evt_4ckc${base36(++serial, 4)}`, ...e });

  SUBJECTS.forEach((subject, i) => {
    const id = conversationId(i);
    const created = T0 + i * 7 * HOUR;
    const kind = i === TASK ? 'task' : DISCUSSIONS.has(i) ? 'discussion' : 'conversation';
    const assignee = ASSIGNEES[i % ASSIGNEES.length];
    const inbox = INBOXES[i % INBOXES.length];
    const contact = kind === 'conversation' ? CONTACT_IDS[i % CONTACT_IDS.length] : null;
    const person = contact ? frontContactEmail(contact) : undefined;
    let last = created;

    const message = (n: number, inbound: boolean, author: string | null) => {
      const at = created + n * HOUR;
      last = Math.max(last, at);
      const text = inbound
        ? `Hello, ${subject.toLowerCase()}. Could you look into it? ${person?.name ?? ''}`
        : `Thanks for reaching out. We are on it and will update you today.`;
      const messageId = `msg_1q15${base36(i * 10 + n, 4)}`;
      out.messages.push({
        id: messageId,
        conversation_id: id,
        message_uid: `${(0x1eab543f + i * 10 + n).toString(16)}84a0785f7b6b8967cck18f4d`,
        type: 'email',
        is_inbound: inbound,
        draft_mode: null,
        error_type: null,
        version: `551ba368f3e7803cce51503ee3e58ef0-${26028 + i}-${Math.round(at * 1000)}-945c`,
        created_at: at,
        subject: n === 0 ? subject : `Re: ${subject}`,
        blurb: text.slice(0, 60),
        author_id: author,
        recipients: inbound
          ? [
              { contact_id: contact, name: person?.name ?? null, handle: person?.email, role: 'from' },
              { contact_id: null, name: 'Support', handle: SUPPORT_ADDRESS, role: 'to' },
            ]
          : [
              { contact_id: null, name: 'Support', handle: SUPPORT_ADDRESS, role: 'from' },
              { contact_id: contact, name: person?.name ?? null, handle: person?.email, role: 'to' },
            ],
        body: `<p>${text}</p>`,
        text,
        attachments: [],
        metadata: { headers: { in_reply_to: null } },
      });
      event({
        type: inbound ? 'inbound' : 'outbound',
        emitted_at: at + 0.4,
        conversation_id: id,
        source: inbound ? { type: 'inboxes', ids: [inbox] } : { type: 'teammate', id: author },
        target: { type: 'message', id: messageId },
      });
    };
    const comment = (n: number, author: string, body: string) => {
      const at = created + n * HOUR + 0.5 * HOUR;
      last = Math.max(last, at);
      const commentId = `com_1ywg${base36(i * 10 + n, 4)}`;
      out.comments.push({
        id: commentId,
        conversation_id: id,
        author_id: author,
        body,
        posted_at: at,
        attachments: [],
        is_pinned: n === 0 && kind !== 'conversation',
      });
      event({
        type: 'comment',
        emitted_at: at + 0.2,
        conversation_id: id,
        source: { type: 'teammate', id: author },
        target: { type: 'comment', id: commentId },
      });
    };

    if (kind === 'conversation') {
      message(0, true, null);
      if (i % 2 === 0) message(1, false, assignee ?? 'tea_6r56b');
      if (i % 3 === 0) message(2, true, null);
      if (i % 3 === 1)
        comment(1, 'tea_6r55a', `@${assignee ? 'team' : 'anyone'} can someone check the order history?`);
    } else {
      comment(0, 'tea_6r55a', `Kicking this off: ${subject}.`);
      if (kind === 'discussion') comment(1, 'tea_6r58d', 'Agreed, I will draft the first version.');
    }
    if (assignee) {
      event({
        type: 'assign',
        emitted_at: created + 0.25 * HOUR,
        conversation_id: id,
        source: { type: 'teammate', id: 'tea_6r55a' },
        target: { type: 'teammate', id: assignee },
      });
    }
    const tags = TAG_SETS[i % TAG_SETS.length];
    if (tags.length > 0) {
      event({
        type: 'tag',
        emitted_at: created + 0.3 * HOUR,
        conversation_id: id,
        source: { type: 'teammate', id: 'tea_6r55a' },
        target: { type: 'tag', id: tags[0] },
      });
    }

    out.conversations.push({
      id,
      type: kind,
      subject,
      status_id: STATUS_IDS[i % STATUS_IDS.length],
      trashed: i === TRASHED,
      ticket_ids: [`TICKET-${101 + i}`],
      assignee_id: assignee,
      recipient: person
        ? { contact_id: contact, name: person.name, handle: person.email, role: 'from' }
        : null,
      tag_ids: tags,
      inbox_ids: [inbox],
      links: [],
      custom_fields: i % 4 === 0 ? { Region: 'EMEA' } : {},
      created_at: created,
      updated_at: last,
      waiting_since: STATUS_IDS[i % STATUS_IDS.length] === 'sts_5y' ? created : undefined,
      is_private: false,
      scheduled_reminders: [],
      metadata: {},
      ...(kind === 'task'
        ? { description: 'Count the stock and reorder what is below 20 reams.', due_at: created + 72 * HOUR }
        : {}),
    });
  });
  return out;
}
