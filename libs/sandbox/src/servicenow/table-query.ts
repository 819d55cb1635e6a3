/**
 * The Table API's read parameters: `sysparm_query` (an encoded query: `^`-joined conditions and
 * `ORDERBY`/`ORDERBYDESC`), `sysparm_fields`, `sysparm_display_value` (`false`, `true`, `all`) and
 * `sysparm_exclude_reference_link`. Reference fields name their table; choice fields take their labels
 * from `sys_choice`.
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';

type Condition = (record: ProviderObject) => boolean;

const OPERATORS: [string, (field: string, value: string) => boolean][] = [
  ['!=', (f, v) => f !== v],
  ['>=', (f, v) => f >= v],
  ['<=', (f, v) => f <= v],
  ['STARTSWITH', (f, v) => f.startsWith(v)],
  ['LIKE', (f, v) => f.toLowerCase().includes(v.toLowerCase())],
  ['NOT IN', (f, v) => !v.split(',').includes(f)],
  ['IN', (f, v) => v.split(',').includes(f)],
  ['=', (f, v) => f === v],
  ['>', (f, v) => f > v],
  ['<', (f, v) => f < v],
];

export interface EncodedQuery {
  matches: Condition;
  order: (a: ProviderObject, b: ProviderObject) => number;
}

/** Parses an encoded query; a condition on an unknown operator matches nothing, as ServiceNow does. */
export function encodedQuery(query: string | undefined): EncodedQuery {
  const conditions: Condition[] = [];
  const orders: [string, number][] = [];
  for (const part of (query ?? '').split('^').filter(Boolean)) {
    const order = /^ORDERBY(DESC)?(\w+)$/.exec(part);
    if (order) {
      orders.push([order[2], order[1] ? -1 : 1]);
      continue;
    }
    const match = /^(\w+?)(!=|>=|<=|STARTSWITH|LIKE|NOT IN|IN|=|>|<)(.*)$/.exec(part);
    const test = match && OPERATORS.find(([op]) => op === match[2])?.[1];
    conditions.push(match && test ? (r) => test(String(r[match[1]] ?? ''), match[3]) : () => false);
  }
  return {
    matches: (record) => conditions.every((c) => c(record)),
    order: (a, b) => {
      for (const [field, direction] of orders) {
        const x = String(a[field] ?? '');
        const y = String(b[field] ?? '');
        if (x !== y) return x < y ? -direction : direction;
      }
      return 0;
    },
  };
}

/** Reference fields → the table they point at and the field that names a record there. */
const REFERENCES: Record<string, [table: string, display: string]> = {
  caller_id: ['sys_user', 'name'],
  opened_by: ['sys_user', 'name'],
  assigned_to: ['sys_user', 'name'],
  resolved_by: ['sys_user', 'name'],
  manager: ['sys_user', 'name'],
  assignment_group: ['sys_user_group', 'name'],
  company: ['core_company', 'name'],
  parent: ['incident', 'number'],
  parent_incident: ['incident', 'number'],
};
const CHOICE_FIELDS = [
  'state',
  'incident_state',
  'priority',
  'impact',
  'urgency',
  'category',
  'contact_type',
];

/** A stored record as the Table API serves it with this request's `sysparm_*` parameters. */
export function renderRecord(table: string, record: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const mode = ctx.query.sysparm_display_value ?? 'false';
  const links = ctx.query.sysparm_exclude_reference_link !== 'true';
  const fields = ctx.query.sysparm_fields?.split(',').filter(Boolean);
  const out: ProviderObject = {};
  for (const name of fields ?? Object.keys(record)) {
    const value = String(record[name] ?? '');
    const reference = REFERENCES[name];
    let display = value;
    if (reference && value) {
      const target = ctx.find(reference[0], (r) => r.sys_id === value);
      display = target ? String(target[reference[1]]) : '';
    } else if (CHOICE_FIELDS.includes(name) && value) {
      const choice = ctx.find(
        'sys_choice',
        (c) =>
          c.name === table && c.element === (name === 'incident_state' ? 'state' : name) && c.value === value,
      );
      display = choice ? String(choice.label) : value;
    }
    const link =
      reference && value && links ? `${ctx.baseUrl()}/api/now/table/${reference[0]}/${value}` : undefined;
    if (mode === 'true') out[name] = display;
    else if (mode === 'all') out[name] = { display_value: display, value, ...(link ? { link } : {}) };
    else out[name] = link ? { link, value } : value;
  }
  return out;
}
