/**
 * Intercom's ticket search query language, as the emulator evaluates it: single filters
 * `{field, operator, value}` and `AND`/`OR` groups over the searchable ticket fields.
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { IntercomInvalid } from './render';

const SEARCH_CATEGORIES: Record<string, string> = {
  request: 'Customer',
  task: 'Back-office',
  tracker: 'Tracker',
};

export type Filter = { field?: string; operator?: string; value?: unknown };

/** The value a searchable ticket field has (`ticket_attribute.{id}` reads the attribute of that id). */
function fieldOf(ticket: ProviderObject, field: string, ctx: EmulatorContext): unknown {
  const attributes = ticket.ticket_attributes as ProviderObject;
  const state = () => ctx.find('ticket_states', (s) => s.id === ticket.ticket_state_id)?.category;
  const simple: Record<string, () => unknown> = {
    id: () => ticket.id,
    created_at: () => ticket.created_at,
    updated_at: () => ticket.updated_at,
    snoozed_until: () => ticket.snoozed_until ?? null,
    title: () => attributes._default_title_,
    description: () => attributes._default_description_,
    category: () => ticket.category,
    ticket_type_id: () => ticket.ticket_type_id,
    contact_ids: () => ticket.contact_ids,
    admin_assignee_id: () => String(ticket.admin_assignee_id),
    teammate_ids: () => String(ticket.admin_assignee_id),
    team_assignee_id: () => String(ticket.team_assignee_id),
    open: () => ticket.open,
    state,
  };
  if (simple[field]) return simple[field]();
  const attribute = /^ticket_attribute\.(.+)$/.exec(field);
  if (!attribute) throw new IntercomInvalid(`${field} is not a searchable field`);
  const type = ctx.find('ticket_types', (t) => t.id === ticket.ticket_type_id);
  const def = (type?.ticket_type_attributes as { data: ProviderObject[] }).data.find(
    (a) => a.id === attribute[1],
  );
  return def ? attributes[String(def.name)] : undefined;
}

export function matches(ticket: ProviderObject, filter: Filter, ctx: EmulatorContext): boolean {
  const { field, operator, value } = filter;
  if (operator === 'AND' || operator === 'OR') {
    if (!Array.isArray(value)) throw new IntercomInvalid(`${operator} needs an array of filters`);
    const results = (value as Filter[]).map((f) => matches(ticket, f, ctx));
    return operator === 'AND' ? results.every(Boolean) : results.some(Boolean);
  }
  if (typeof field !== 'string') throw new IntercomInvalid('field is required');
  const actual = fieldOf(ticket, field, ctx);
  const wanted = field === 'category' ? (SEARCH_CATEGORIES[String(value)] ?? value) : value;
  const equal = (w: unknown) =>
    Array.isArray(actual) ? actual.map(String).includes(String(w)) : String(actual) === String(w);
  const text = String(actual ?? '').toLowerCase();
  const needle = String(wanted).toLowerCase();
  switch (operator) {
    case '=':
      return equal(wanted);
    case '!=':
      return !equal(wanted);
    case 'IN':
      return Array.isArray(wanted) && wanted.some(equal);
    case 'NIN':
      return Array.isArray(wanted) && !wanted.some(equal);
    case '>':
      return Number(actual) > Number(wanted);
    case '<':
      return Number(actual) < Number(wanted);
    case '>=':
      return Number(actual) >= Number(wanted);
    case '<=':
      return Number(actual) <= Number(wanted);
    case '~':
      return text.includes(needle);
    case '!~':
      return !text.includes(needle);
    case '^':
      return text.startsWith(needle);
    case '$':
      return text.endsWith(needle);
    default:
      throw new IntercomInvalid(`operator ${String(operator)} is not supported`);
  }
}
