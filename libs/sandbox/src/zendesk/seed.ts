import type {
  TicketPriority,
  TicketStatus,
  TicketType,
  ZdComment,
  ZdTicket,
  ZdUser,
  ZendeskState,
} from './model';
import { at, seedStructure } from './seed-structure';

/** Credentials of the seeded admin, the identity every test connection uses. */
export const ZENDESK_SEED_CREDENTIALS = {
  email: 'admin@acme-support.test',
  api_token: 'zd-emulator-token-6f1c',
} as const;

export const ZENDESK_SEED_SUBDOMAIN = 'acme-support';
export const ZENDESK_SEED_ACCOUNT_ID = 8405679;
export const ZENDESK_SEED_TICKET_COUNT = 35;

const AGENTS = [1002, 1003, 1004, 1005];
const END_USERS = Array.from({ length: 12 }, (_, i) => 5001 + i);
const STATUS_CYCLE: TicketStatus[] = ['new', 'open', 'open', 'pending', 'hold', 'solved', 'closed'];
const PRIORITY_CYCLE: (TicketPriority | null)[] = [null, 'low', 'normal', 'high', 'urgent', 'normal'];
const TYPE_CYCLE: (TicketType | null)[] = ['question', 'incident', 'problem', 'task', null];
const TAG_POOL = ['billing', 'login', 'vip', 'mobile', 'refund', 'bug'];
const SUBJECTS = [
  'Cannot log in to the mobile app',
  'Invoice shows the wrong VAT number',
  'Export to CSV times out',
  'Refund for a duplicate charge',
  'Two-factor codes never arrive',
  'Dashboard loads slowly since Monday',
  'Please add a second admin to our plan',
];

export function seedZendesk(): ZendeskState {
  const state: ZendeskState = {
    tickets: new Map(),
    comments: [],
    users: new Map(),
    organizations: new Map(),
    groups: new Map(),
    brands: new Map(),
    customStatuses: new Map(),
    ticketFields: new Map(),
    views: new Map(),
    uploads: new Map(),
    deletedTickets: new Map(),
    attachmentBytes: new Map(),
    nextId: 100_000,
  };
  seedStructure(state);
  seedPeople(state);
  seedTickets(state);
  return state;
}

function seedPeople(state: ZendeskState): void {
  const orgs = [
    [3001, 'Globex Corporation', ['globex.test']],
    [3002, 'Initech', ['initech.test', 'initech-mail.test']],
    [3003, 'Umbrella Health', ['umbrella.test']],
    [3004, 'Soylent Foods', []],
  ] as const;
  orgs.forEach(([id, name, domains], i) => {
    state.organizations.set(id, {
      id,
      name,
      domain_names: [...domains],
      details: `${name} customer account`,
      notes: '',
      group_id: i === 0 ? 2002 : null,
      tags: i % 2 === 0 ? ['enterprise'] : [],
      external_id: `crm-${id}`,
      created_at: at(-80_000 + i * 60),
      updated_at: at(-20_000 + i * 60),
    });
  });

  const staff: [number, string, 'admin' | 'agent', number][] = [
    [1001, 'Ada Admin', 'admin', 2001],
    [1002, 'Ben Agent', 'agent', 2001],
    [1003, 'Cleo Agent', 'agent', 2002],
    [1004, 'Dev Agent', 'agent', 2003],
    [1005, 'Eve Agent', 'agent', 2001],
  ];
  staff.forEach(([id, name, role, group], i) => {
    const email =
      id === 1001 ? ZENDESK_SEED_CREDENTIALS.email : `${name.split(' ')[0].toLowerCase()}@acme-support.test`;
    state.users.set(id, user(id, name, email, role, null, group, at(-85_000 + i * 10)));
  });
  const firstNames = [
    'Frank',
    'Grace',
    'Hana',
    'Ivan',
    'Judy',
    'Karl',
    'Lena',
    'Mo',
    'Nia',
    'Oscar',
    'Pia',
    'Quinn',
  ];
  END_USERS.forEach((id, i) => {
    const org = [3001, 3002, 3003, 3004][i % 4];
    const name = `${firstNames[i]} Customer`;
    const created = user(
      id,
      name,
      `${firstNames[i].toLowerCase()}@customer${i % 4}.test`,
      'end-user',
      org,
      null,
      at(-40_000 + i * 15),
    );
    created.phone = i % 3 === 0 ? `+1555010${String(i).padStart(2, '0')}` : null;
    created.user_fields = { plan: i % 2 === 0 ? 'pro' : 'starter' };
    created.active = i !== 11;
    state.users.set(id, created);
  });
}

function user(
  id: number,
  name: string,
  email: string,
  role: ZdUser['role'],
  org: number | null,
  group: number | null,
  created: string,
): ZdUser {
  return {
    id,
    name,
    email,
    phone: null,
    role,
    organization_id: org,
    default_group_id: group,
    active: true,
    suspended: false,
    verified: true,
    details: '',
    notes: '',
    tags: [],
    user_fields: {},
    created_at: created,
    updated_at: created,
  };
}

function seedTickets(state: ZendeskState): void {
  let commentId = 70_000;
  let attachmentId = 90_000;
  for (let i = 0; i < ZENDESK_SEED_TICKET_COUNT; i++) {
    const id = i + 1;
    const requester = END_USERS[i % END_USERS.length];
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length];
    const type = TYPE_CYCLE[i % TYPE_CYCLE.length];
    const assignee = status === 'new' ? null : AGENTS[i % AGENTS.length];
    const created = i * 180;
    const subject = `${SUBJECTS[i % SUBJECTS.length]} (#${id})`;
    const description = `Hello, ${SUBJECTS[i % SUBJECTS.length].toLowerCase()}. Ticket ${id}.`;
    const ticket: ZdTicket = {
      id,
      external_id: i % 6 === 0 ? `ext-${id}` : null,
      channel: ['email', 'web', 'api'][i % 3],
      created_at: at(created),
      updated_at: at(created + 30 * ((i % 5) + 1)),
      type,
      subject,
      description,
      priority: PRIORITY_CYCLE[i % PRIORITY_CYCLE.length],
      status,
      custom_status_id: customStatusOf(status, i),
      requester_id: requester,
      submitter_id: i % 4 === 3 ? AGENTS[0] : requester,
      assignee_id: assignee,
      organization_id: state.users.get(requester)?.organization_id ?? null,
      group_id: 2001 + (i % 3),
      collaborator_ids: i % 5 === 0 ? [END_USERS[(i + 1) % END_USERS.length]] : [],
      follower_ids: [],
      email_cc_ids: i % 5 === 0 ? [END_USERS[(i + 1) % END_USERS.length]] : [],
      problem_id: type === 'incident' && i > 2 ? 3 : null,
      is_public: true,
      due_at: type === 'task' ? at(created + 7 * 24 * 60) : null,
      tags: [TAG_POOL[i % TAG_POOL.length], ...(i % 4 === 0 ? ['vip'] : [])].filter(
        (t, k, all) => all.indexOf(t) === k,
      ),
      custom_fields: [
        { id: 21, value: ['product_mobile', 'product_web', 'product_billing', null][i % 4] },
        { id: 22, value: i % 2 === 0 ? 10_000 + i : null },
        { id: 23, value: i % 3 === 0 },
        { id: 24, value: i % 5 === 0 ? `CR-${String(1000 + i)}` : null },
      ],
      ticket_form_id: 500,
      brand_id: i % 7 === 6 ? 360002 : 360001,
    };
    state.tickets.set(id, ticket);
    const comments: ZdComment[] = [commentOf(commentId++, ticket, requester, description, true, created)];
    if (assignee) {
      comments.push(
        commentOf(
          commentId++,
          ticket,
          assignee,
          `Thanks, we are looking into ticket ${id}.`,
          true,
          created + 20,
        ),
      );
    }
    if (i % 3 === 0) {
      comments.push(
        commentOf(
          commentId++,
          ticket,
          AGENTS[1],
          `Internal: check the logs for ticket ${id}.`,
          false,
          created + 25,
        ),
      );
    }
    // Ticket 13 carries a file on every comment, so attachment lists span several comment pages.
    for (const comment of i === 12 ? comments : i % 4 === 0 ? [comments[0]] : []) {
      comment.attachments.push({
        id: attachmentId++,
        file_name: `screenshot-${id}.png`,
        content_type: 'image/png',
        size: 20_480 + i,
        inline: false,
      });
    }
    state.comments.push(...comments);
  }
}

function customStatusOf(status: TicketStatus, i: number): number {
  if (status === 'open' && i % 2 === 0) return 106;
  if (status === 'pending' && i % 2 === 0) return 107;
  return { new: 101, open: 102, pending: 103, hold: 104, solved: 105, closed: 105 }[status];
}

function commentOf(
  id: number,
  ticket: ZdTicket,
  author: number,
  body: string,
  isPublic: boolean,
  minutes: number,
): ZdComment {
  return {
    id,
    ticket_id: ticket.id,
    author_id: author,
    body,
    html_body: `<div class="zd-comment" dir="auto"><p dir="auto">${body}</p></div>`,
    public: isPublic,
    channel: ticket.channel,
    created_at: at(minutes),
    audit_id: id - 10_000,
    attachments: [],
  };
}
