/**
 * 28 conversations (more than one fixed page of 25) and their threads. Stored with ids only; the
 * render joins users, customers and tags the way Help Scout's answers embed them.
 */
import type { ProviderObject } from '../kit/described';
import { at } from './seed';

const SUBJECTS = [
  'Cannot log in after password reset',
  'Invoice shows the wrong VAT number',
  'Export to CSV times out',
  'Please add dark mode',
  'Refund for duplicate charge',
  'Webhook deliveries delayed',
  'How do I add a seat?',
];
const STATUSES = ['active', 'pending', 'closed', 'active', 'spam', 'closed', 'active'];
const USERS = [428001, 428002, 428003, null];
const TAGS = [['bug'], ['billing'], [], ['vip', 'bug'], ['feature-request']];

export const helpScoutConversations = (): ProviderObject[] =>
  Array.from({ length: 28 }, (_, i) => {
    const status = STATUSES[i % STATUSES.length];
    const created = at(i, 10);
    return {
      id: 2_400_001 + i,
      number: 1001 + i,
      type: i % 5 === 4 ? 'chat' : 'email',
      folderId: 6_100_001,
      status,
      state: 'published',
      subject: `${SUBJECTS[i % SUBJECTS.length]} #${i + 1}`,
      mailboxId: i % 6 === 5 ? 148218 : 148217,
      assigneeId: USERS[i % USERS.length],
      createdBy: { id: 300101 + (i % 6), type: 'customer' },
      primaryCustomerId: 300101 + (i % 6),
      createdAt: created,
      closedAt: status === 'closed' ? at(i + 2, 16) : null,
      closedBy: status === 'closed' ? (USERS[i % USERS.length] ?? 428001) : 0,
      userUpdatedAt: at(i + 1, 15),
      source: { type: i % 5 === 4 ? 'chat' : 'email', via: 'customer' },
      tags: TAGS[i % TAGS.length],
      customFields:
        i % 3 === 0
          ? [
              { id: 8401, value: '12' },
              { id: 8402, value: String(5000 + i) },
            ]
          : [],
    };
  });

/** Each conversation opens with the customer's message; some have a reply, a note and a line item. */
export const helpScoutThreads = (): ProviderObject[] =>
  helpScoutConversations().flatMap((c, i) => {
    const id = (n: number) => 9_900_000 + i * 10 + n;
    const conversationId = c.id;
    const customer = { id: c.primaryCustomerId, type: 'customer' };
    const threads: ProviderObject[] = [
      {
        id: id(1),
        conversationId,
        type: 'customer',
        status: 'active',
        state: 'published',
        action: null,
        body: `<p>${String(c.subject).replace(/ #\d+$/, '')}. Can you help?</p>`,
        source: { type: c.type === 'chat' ? 'chat' : 'email', via: 'customer' },
        customerId: c.primaryCustomerId,
        createdBy: customer,
        assignedToId: null,
        to: [],
        cc: [],
        bcc: [],
        createdAt: c.createdAt,
      },
    ];
    if (i % 2 === 0)
      threads.push({
        ...threads[0],
        id: id(2),
        type: 'message',
        body: '<p>Thanks, we are looking into it.</p>',
        source: { type: 'email', via: 'user' },
        createdBy: { id: 428001, type: 'user' },
        createdAt: at(i, 12),
      });
    if (i % 3 === 0)
      threads.push({
        ...threads[0],
        id: id(3),
        type: 'note',
        body: '<p>Checked the logs: <b>timeout</b> on the export worker.</p>',
        source: { type: 'web', via: 'user' },
        createdBy: { id: 428002, type: 'user' },
        createdAt: at(i, 13),
      });
    if (c.status === 'closed')
      threads.push({
        ...threads[0],
        id: id(4),
        type: 'lineitem',
        status: 'closed',
        action: { type: 'default', text: 'Marked as Closed', associatedEntities: {} },
        body: null,
        createdBy: { id: 428001, type: 'user' },
        createdAt: c.closedAt,
      });
    return threads;
  });
