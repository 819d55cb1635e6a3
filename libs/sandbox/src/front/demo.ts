import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import type { DemoProvider } from '../demo/demo-provider';
import { FrontEmulator } from './front-emulator';
import { FRONT_SEED_INBOX_ID, FRONT_SEED_TOKEN } from './seed';
import { conversationId } from './seed-conversations';

type Row = Record<string, unknown>;

/**
 * The events the definition lists as a conversation's comments: messages received and sent, and
 * comments (a `mention` repeats its comment; other events are about the conversation itself).
 */
const TIMELINE_EVENTS = ['comment', 'inbound', 'outbound', 'out_reply', 'forward'];
const isTimelineEntry = (e: Row, ticketId: string) =>
  e.conversation_id === ticketId &&
  TIMELINE_EVENTS.includes(String(e.type)) &&
  ['comment', 'message'].includes(String((e.target as Row | null)?.type));

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  tickets: ['conversations', () => true],
  comments: ['events', (e, q) => isTimelineEntry(e, q.ticket_id)],
  users: ['teammates', () => true],
  teams: ['teams', () => true],
  workspaces: ['inboxes', () => true],
  tags: ['tags', () => true],
  ticket_status: ['statuses', () => true],
  contacts: ['contacts', () => true],
  accounts: ['accounts', () => true],
};

export const frontDemo: DemoProvider<FrontEmulator> = {
  provider: 'front',
  port: 4107,
  createEmulator: () => new FrontEmulator(),
  settings: { inbox_id: FRONT_SEED_INBOX_ID },
  credentials: { api_token: FRONT_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        create: { name: 'Gateway discussion', description: 'Created through the unified API' },
        // Front cannot rename a conversation: status, assignee and tags are what an update changes.
        update: {
          status: { id: 'sts_5z' },
          assignees: [{ id: 'tea_6r56b' }],
          tags: [{ id: 'tag_2oxhvy' }],
        },
      },
      comments: {
        query: { ticket_id: conversationId(0) },
        create: { ticket: { id: conversationId(0) }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      tags: { create: { name: 'gateway-tag', color: 'blue' }, update: { color: 'red' } },
      contacts: {
        create: { name: 'Gateway Contact', emails: [{ email: 'gateway@example.com' }] },
        update: { details: 'Edited through the gateway' },
      },
      accounts: {
        create: { name: 'Gateway Account', domains: ['gateway.example'] },
        update: { domains: ['gateway.example', 'gw.example'] },
      },
    },
    count: countListed(LISTED),
    rateLimitNext,
  },
};
