/**
 * Seeded Intercom companies and contacts (users and leads), shaped after the Company and Contact
 * objects of the 2.16 description. A contact is stored with `company_ids` and `tag_ids` (emulator-only)
 * and served with Intercom's `companies`, `tags` and `notes` lists.
 */
import type { ProviderObject } from '../kit/described';
import { INTERCOM_WORKSPACE_ID, T0 } from './seed';

const COMPANY_NAMES = [
  ['Globex Corporation', 'globex.example', 'Manufacturing', 250],
  ['Initech', 'initech.example', 'Software', 80],
  ['Umbrella Health', 'umbrella.example', 'Healthcare', 1200],
  ['Stark Logistics', 'starklog.example', 'Logistics', 430],
  ['Wayne Foods', 'waynefoods.example', 'Food', 60],
  ['Tyrell Labs', 'tyrell.example', 'Research', 35],
  ['Cyberdyne Retail', 'cyberdyne.example', 'Retail', 900],
] as const;

export const companyId = (n: number) => `6762f07a1bb69f9f2193ba${n.toString(16).padStart(2, '0')}`;

export const intercomCompanies = (): ProviderObject[] =>
  COMPANY_NAMES.map(([name, domain, industry, size], i) => ({
    type: 'company',
    company_id: `acme-crm-${1001 + i}`,
    id: companyId(i + 1),
    app_id: INTERCOM_WORKSPACE_ID,
    name,
    remote_created_at: T0 - 86_400 * (30 - i),
    created_at: T0 + 100 + i,
    updated_at: T0 + 100 + i,
    last_request_at: T0 + 3_600 + i,
    size,
    website: `https://www.${domain}`,
    industry,
    monthly_spend: 100 * (i + 1),
    session_count: 10 * i,
    user_count: 0,
    tags: { type: 'tag.list', tags: i === 0 ? [{ type: 'tag', id: '102', name: 'VIP' }] : [] },
    segments: { type: 'segment.list', segments: [] },
    plan: i % 2 === 0 ? { type: 'plan', id: '269315', name: 'Pro' } : {},
    custom_attributes: { crm_tier: i < 3 ? 'gold' : 'silver' },
  }));

export const contactId = (n: number) => `6762f0d01bb69f9f2193bb${n.toString(16).padStart(2, '0')}`;

const PEOPLE = [
  ['Joe Bloggs', 'user', 1],
  ['Ana Lima', 'user', 1],
  ['Kofi Mensah', 'user', 2],
  ['Mia Chen', 'user', 3],
  ['Noah Fischer', 'lead', 0],
  ['Aisha Khan', 'user', 4],
  ['Lucas Moreau', 'user', 5],
  ['Emma Rossi', 'user', 6],
  ['Yuki Tanaka', 'lead', 0],
  ['Omar Haddad', 'user', 7],
  ['Sara Nilsson', 'user', 2],
  ['Diego Alvarez', 'user', 3],
] as const;

const emailOf = (n: number) => {
  const [name, , company] = PEOPLE[n - 1];
  return `${name.split(' ')[0].toLowerCase()}@customer${company}.example`;
};

/** The author block of a part written by seeded contact `n` (Intercom says `user` for contacts). */
export const contactAuthor = (n: number) => ({
  id: contactId(n),
  type: 'user',
  name: PEOPLE[n - 1][0],
  email: emailOf(n),
});

/** A contact as stored: `company_ids` (emulator only) becomes the `companies` list Intercom serves. */
export function contact(
  id: string,
  name: string | null,
  email: string | null,
  role: string,
  at: number,
  extra: Partial<ProviderObject> = {},
): ProviderObject {
  return {
    type: 'contact',
    id,
    workspace_id: INTERCOM_WORKSPACE_ID,
    external_id: role === 'user' ? `crm-${id.slice(-4)}` : null,
    role,
    email,
    phone: null,
    name,
    avatar: null,
    owner_id: null,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: at,
    updated_at: at,
    signed_up_at: role === 'user' ? at : null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: {
      type: 'location',
      country: null,
      region: null,
      city: null,
      country_code: null,
      continent_code: null,
    },
    custom_attributes: {},
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    enabled_push_messaging: null,
    company_ids: [],
    tag_ids: [],
    ...extra,
  };
}

export const intercomContacts = (): ProviderObject[] =>
  PEOPLE.map(([name, role, company], i) =>
    contact(contactId(i + 1), name, emailOf(i + 1), role, T0 + 200 + i, {
      phone: i % 3 === 0 ? `+35387123${String(4560 + i)}` : null,
      company_ids: company > 0 ? [companyId(company)] : [],
      tag_ids: i === 0 ? ['102'] : [],
      custom_attributes: i < 4 ? { plan: 'pro' } : {},
    }),
  );
