/**
 * A Help Scout account: two mailboxes with custom fields, users, teams, tags and customers, shaped as
 * the Mailbox API 2.0 reference shows them (numeric ids, ISO-8601 times without milliseconds,
 * `_embedded` e-mails and phones on customers).
 */
import type { ProviderObject } from '../kit/described';

export const HELP_SCOUT_SEED_TOKEN = 'hs-at-7f3c9e21b4d84a0c8e6f5a2d19b7c403';
export const HELP_SCOUT_SEED_MAILBOX = '148217';

export const at = (day: number, hour = 9) =>
  `2026-0${1 + Math.floor(day / 28)}-${String(1 + (day % 28)).padStart(2, '0')}T${String(hour).padStart(2, '0')}:20:11Z`;

const API = 'https://api.helpscout.net/v2';

export const helpScoutMailboxes = (): ProviderObject[] =>
  [
    [148217, 'Support', 'support@northwind.test'],
    [148218, 'Billing', 'billing@northwind.test'],
  ].map(([id, name, email], i) => ({
    id,
    name,
    slug: `${String(name).toLowerCase()}-${String(id).slice(-4)}`,
    email,
    createdAt: at(i, 7),
    updatedAt: at(i + 2, 7),
    _links: {
      fields: { href: `${API}/mailboxes/${id}/fields` },
      folders: { href: `${API}/mailboxes/${id}/folders` },
      self: { href: `${API}/mailboxes/${id}` },
    },
  }));

export const helpScoutMailboxFields = (): ProviderObject[] => [
  {
    id: 8401,
    mailboxId: 148217,
    name: 'Plan',
    type: 'DROPDOWN',
    order: 1,
    required: false,
    options: [
      { id: 11, order: 1, label: 'Starter' },
      { id: 12, order: 2, label: 'Pro' },
    ],
  },
  {
    id: 8402,
    mailboxId: 148217,
    name: 'Order number',
    type: 'NUMBER',
    order: 2,
    required: false,
    options: [],
  },
  {
    id: 8403,
    mailboxId: 148217,
    name: 'Account URL',
    type: 'SINGLE_LINE',
    order: 3,
    required: true,
    options: [],
  },
  {
    id: 8404,
    mailboxId: 148218,
    name: 'Invoice',
    type: 'SINGLE_LINE',
    order: 1,
    required: false,
    options: [],
  },
];

export const helpScoutUsers = (): ProviderObject[] =>
  [
    [428001, 'Maya', 'Okafor', 'owner'],
    [428002, 'Lukas', 'Brandt', 'admin'],
    [428003, 'Ines', 'Duarte', 'user'],
    [428004, 'Sam', 'Whitfield', 'user'],
  ].map(([id, firstName, lastName, role], i) => ({
    id,
    firstName,
    lastName,
    email: `${String(firstName).toLowerCase()}@northwind.test`,
    role,
    timezone: 'Europe/Berlin',
    photoUrl: `https://d33v4339jhl8k0.cloudfront.net/users/${id}.jpg`,
    createdAt: at(i, 8),
    updatedAt: at(i + 4, 8),
    type: 'user',
    mention: String(firstName).toLowerCase(),
    initials: `${String(firstName)[0]}${String(lastName)[0]}`,
    jobTitle: 'Support engineer',
    phone: '',
    alternateEmails: [],
    _links: { self: { href: `${API}/users/${id}` } },
  }));

export const helpScoutTeams = (): ProviderObject[] =>
  [
    [521001, 'Tier 1'],
    [521002, 'Escalations'],
  ].map(([id, name], i) => ({
    id,
    name,
    timezone: 'Europe/Berlin',
    photoUrl: '',
    createdAt: at(i + 1, 8),
    updatedAt: at(i + 5, 8),
    mention: String(name).toLowerCase().replace(' ', ''),
    initials: String(name).slice(0, 2).toUpperCase(),
    _links: { members: { href: `${API}/teams/${id}/members` }, self: { href: `${API}/teams/${id}` } },
  }));

export const helpScoutTags = (): ProviderObject[] =>
  [
    [9101, 'billing', '#57c28d'],
    [9102, 'bug', '#e52f28'],
    [9103, 'vip', '#a5b2bd'],
    [9104, 'feature-request', '#3197d6'],
  ].map(([id, name, color], i) => ({
    id,
    slug: name,
    name,
    color,
    createdAt: at(i, 10),
    updatedAt: at(i, 10),
    ticketCount: 0,
  }));

export const helpScoutCustomers = (): ProviderObject[] =>
  [
    [300101, 'Rachel', 'Green', 'rachel.green@centralperk.test', '212-555-0101'],
    [300102, 'Monica', 'Geller', 'monica.geller@centralperk.test', null],
    [300103, 'Chandler', 'Bing', 'chandler@bingco.test', '212-555-0103'],
    [300104, 'Joey', 'Tribbiani', 'joey@drakeramoray.test', null],
    [300105, 'Phoebe', 'Buffay', 'phoebe@smellycat.test', '212-555-0105'],
    [300106, 'Ross', 'Geller', 'ross@museum.test', null],
  ].map(([id, firstName, lastName, email, phone], i) => ({
    id,
    firstName,
    lastName,
    gender: 'Unknown',
    jobTitle: '',
    location: 'New York',
    organization: '',
    photoType: 'default',
    photoUrl: '',
    createdAt: at(i + 2, 11),
    updatedAt: at(i + 6, 11),
    background: i === 0 ? 'Long-time customer' : '',
    age: '',
    _embedded: {
      emails: [{ id: 700000 + (Number(id) % 1000), value: email, type: 'work' }],
      phones: phone ? [{ id: 800000 + (Number(id) % 1000), value: phone, type: 'work' }] : [],
      chats: [],
      social_profiles: [],
      websites: [],
    },
    _links: { self: { href: `${API}/customers/${id}` } },
  }));
