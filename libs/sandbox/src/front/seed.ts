/**
 * The seeded Front company, shaped after the objects of Front's Core API description
 * (`/work/shared/specs/front/core-api.json`: TeammateResponse, TeamResponse, InboxResponse, TagResponse,
 * StatusResponse, ContactResponse, AccountResponse). Records store ids where Front embeds objects (a
 * team's members and inboxes, a tag's parent); the emulator joins them and adds `_links` on its own origin.
 * Timestamps are Unix seconds with milliseconds, as Front sends them. Ticketing is enabled (statuses).
 */
import type { ProviderObject } from '../kit/described';

export const FRONT_SEED_TOKEN = 'front-sandbox-api-token-7c2f1d';
/** A token whose scopes only read (`*:read`): writes answer 403. */
export const FRONT_READ_ONLY_TOKEN = 'front-sandbox-read-only-token-51aa';
/** Where the demo connection creates discussions when a ticket names no inbox. */
export const FRONT_SEED_INBOX_ID = 'inb_1ix6';

const teammate = (
  id: string,
  first: string,
  last: string,
  extra: Partial<ProviderObject> = {},
): ProviderObject => ({
  id,
  email: `${first.toLowerCase()}.${last.toLowerCase()}@acme-paper.example`,
  username: `${first}${last[0]}`,
  first_name: first,
  last_name: last,
  is_admin: false,
  is_available: true,
  is_blocked: false,
  type: 'user',
  license_type: 'regular',
  custom_fields: {},
  ...extra,
});

export const frontTeammates = (): ProviderObject[] => [
  teammate('tea_6r55a', 'Amara', 'Okafor', {
    is_admin: true,
    custom_fields: { 'Job Title': 'Support lead' },
  }),
  teammate('tea_6r56b', 'Liu', 'Wei'),
  teammate('tea_6r57c', 'Sofia', 'Ramos', { is_available: false }),
  teammate('tea_6r58d', 'Jonas', 'Berg'),
  teammate('tea_6r59e', 'Priya', 'Nair'),
  teammate('tea_6r5af', 'Former', 'Agent', { is_blocked: true, is_available: false }),
];

/**
 * Who a comment is by when the API posts it without `author_id`: Front posts "as the API token", an
 * author of type `api` that is not a teammate of the company.
 */
export const FRONT_API_AUTHOR: ProviderObject = {
  id: 'tea_api0',
  email: 'api@acme-paper.example',
  username: 'api',
  first_name: 'API',
  last_name: 'Token',
  is_admin: false,
  is_available: false,
  is_blocked: false,
  type: 'api',
  license_type: 'regular',
  custom_fields: {},
};

export const frontInboxes = (): ProviderObject[] => [
  {
    id: 'inb_1ix6',
    name: 'Support',
    is_private: false,
    is_public: true,
    custom_fields: {},
    team_id: 'tim_aqsa',
  },
  {
    id: 'inb_1ix7',
    name: 'Billing',
    is_private: false,
    is_public: true,
    custom_fields: {},
    team_id: 'tim_aqtb',
  },
  {
    id: 'inb_1ix8',
    name: 'Escalations',
    is_private: false,
    is_public: false,
    custom_fields: {},
    team_id: 'tim_aquc',
  },
  {
    id: 'inb_1ix9',
    name: 'Amara Okafor',
    is_private: true,
    is_public: false,
    custom_fields: {},
    team_id: null,
  },
];

export const frontTeams = (): ProviderObject[] => [
  {
    id: 'tim_aqsa',
    name: 'Customer support',
    inbox_ids: ['inb_1ix6'],
    member_ids: ['tea_6r55a', 'tea_6r56b', 'tea_6r57c'],
  },
  { id: 'tim_aqtb', name: 'Billing desk', inbox_ids: ['inb_1ix7'], member_ids: ['tea_6r58d', 'tea_6r55a'] },
  { id: 'tim_aquc', name: 'Escalations', inbox_ids: ['inb_1ix8'], member_ids: ['tea_6r59e'] },
];

const TAGS: [string, string, string | null, string | null][] = [
  ['tag_2oxhvy', 'Bug', 'red', null],
  ['tag_2oxhwz', 'Feature request', 'purple', null],
  ['tag_2oxhx0', 'Refund', 'orange', null],
  ['tag_2oxhx1', 'VIP', 'yellow', null],
  ['tag_2oxhx2', 'Shipping', 'light-blue', null],
  ['tag_2oxhx3', 'Warehouse task', null, 'tag_2oxhx2'],
  ['tag_2oxhx4', 'Onboarding', 'green', null],
  ['tag_2oxhx5', 'Spam suspect', 'grey', null],
];

export const frontTags = (): ProviderObject[] =>
  TAGS.map(([id, name, highlight, parent], i) => ({
    id,
    name,
    description: parent ? `Sub-tag of ${String(TAGS.find((t) => t[0] === parent)?.[1])}` : null,
    highlight,
    is_private: false,
    is_visible_in_conversation_lists: i < 4,
    created_at: 1682538996.583 + i * 86400,
    updated_at: 1699575875.186 + i * 3600,
    parent_tag_id: parent,
  }));

/** Front's three default statuses (named after their categories) and one custom status. */
export const frontStatuses = (): ProviderObject[] => [
  status('sts_5x', 'Open', 'open', 'New or currently being worked on'),
  status('sts_5y', 'Waiting', 'waiting', 'Waiting on the customer or a third party'),
  status('sts_5z', 'Resolved', 'resolved', 'Nothing left to do'),
  status('sts_61', 'Escalated', 'open', 'Handed to the escalations team'),
];

function status(id: string, name: string, category: string, description: string): ProviderObject {
  return { id, name, category, description, created_at: 1682538996.583, updated_at: 1699575875.186 };
}

const CONTACTS: [string, string, string, string | null, string | null][] = [
  ['crd_3cgz4ge', 'Dana Whitfield', 'dana@northwind.example', '+14155550101', 'Buyer at Northwind'],
  ['crd_3cgz4gf', 'Marco Bellini', 'marco@bellini-print.example', null, null],
  ['crd_3cgz4gg', 'Yuki Tanaka', 'yuki@tanaka-studio.example', '+81355550123', 'Prefers e-mail'],
  ['crd_3cgz4gh', 'Olu Adeyemi', 'olu@lagos-supply.example', null, 'Reseller, West Africa'],
  ['crd_3cgz4gi', 'Hannah Schulz', 'hannah@schulz-buero.example', '+4930555012', null],
  ['crd_3cgz4gj', 'Carlos Mendes', 'carlos@mendes.example', null, null],
  ['crd_3cgz4gk', 'Aisha Rahman', 'aisha@northwind.example', null, 'Accounts payable, Northwind'],
  ['crd_3cgz4gl', 'Tom Becker', 'tom@becker-logistik.example', '+4940555099', null],
  ['crd_3cgz4gm', 'Grace Liu', 'grace@lu-design.example', null, 'Trial user'],
];

export const frontContacts = (): ProviderObject[] =>
  CONTACTS.map(([id, name, email, phone, description], i) => ({
    id,
    name,
    description: description ?? '', // Front answers an empty description as ""
    avatar_url: `https://acme.api.frontapp.com/contacts/${id}/avatar-1673436467707`,
    links: i === 0 ? ['https://northwind.example'] : [],
    groups: [],
    lists: [],
    handles: [{ handle: email, source: 'email' }, ...(phone ? [{ handle: phone, source: 'phone' }] : [])],
    custom_fields: i % 3 === 0 ? { isVIP: true } : {},
    is_private: false,
  }));

const ACCOUNTS: [string, string, string[], string | null][] = [
  ['acc_76', 'Northwind Traders', ['northwind.example'], '8739674733'],
  ['acc_77', 'Bellini Print', ['bellini-print.example'], null],
  ['acc_78', 'Tanaka Studio', ['tanaka-studio.example'], null],
  ['acc_79', 'Lagos Supply Co.', ['lagos-supply.example', 'lagos-supply.ng.example'], '55100231'],
  ['acc_7a', 'Schulz Büro GmbH', ['schulz-buero.example'], null],
  ['acc_7b', 'Becker Logistik', ['becker-logistik.example'], null],
];

export const frontAccounts = (): ProviderObject[] =>
  ACCOUNTS.map(([id, name, domains, external_id], i) => ({
    id,
    name,
    logo_url: null,
    description: `${name}, customer since 202${i % 5}`,
    domains,
    external_id,
    custom_fields: {},
    created_at: 1622672452.363 + i * 604800,
    updated_at: 1654309308.278 + i * 86400,
    contact_ids: CONTACTS.filter(([, , email]) => domains.includes(email.split('@')[1])).map(([cid]) => cid),
  }));

export const frontContactEmail = (contactId: string): { name: string; email: string } | undefined => {
  const found = CONTACTS.find(([id]) => id === contactId);
  return found && { name: found[1], email: found[2] };
};
