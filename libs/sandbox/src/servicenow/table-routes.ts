/**
 * The Table API over every table of the emulator: `/api/now/table/{table}` (list, insert) and
 * `/api/now/table/{table}/{sys_id}` (read, PUT/PATCH update, delete), answers wrapped in `result`.
 * Writes take string values (others are stringified), ignore fields a table does not have, and stamp
 * `sys_*`. Task tables compute `priority` from impact and urgency and turn `comments`/`work_notes`
 * values into journal entries; journals, choices, the dictionary and attachments are read-only here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { failure, OPERATION_FAILED } from './errors';
import { randomBytes } from 'node:crypto';
import { priorityOf } from './seed';
import { encodedQuery, renderRecord } from './table-query';

const READ_ONLY = ['sys_journal_field', 'sys_choice', 'sys_dictionary', 'sys_attachment'];
const JOURNALS = ['comments', 'work_notes'];
const SYSTEM = [
  'sys_id',
  'sys_created_on',
  'sys_created_by',
  'sys_updated_on',
  'sys_updated_by',
  'sys_mod_count',
];
/** A new record's sys_id: random, as ServiceNow's are (a restarted demo never reuses one). */
const newSysId = () => randomBytes(16).toString('hex');

/** A write the instance refuses (ACL, data policy, business rule): 403 "Operation Failed". */
const refused = (reply: FastifyReply, detail: string) => reply.status(403).send(OPERATION_FAILED(detail));
const now = (ctx: EmulatorContext) =>
  ctx
    .now()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');

/** The user name the request authenticates as (a bearer token belongs to the integration user). */
export type CallerOf = (ctx: EmulatorContext) => string;

function stringFields(body: unknown, table: string, template: ProviderObject): ProviderObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw Object.assign(new Error('Exception while reading request'), { statusCode: 400 });
  const fields: ProviderObject = {};
  for (const [name, value] of Object.entries(body as ProviderObject)) {
    // Unknown fields are ignored, as ServiceNow ignores them; system fields cannot be written.
    if (!(name in template) || SYSTEM.includes(name) || (table === 'incident' && name === 'priority'))
      continue;
    fields[name] = value === null || value === undefined ? '' : String(value);
  }
  return fields;
}

function addJournal(
  ctx: EmulatorContext,
  kit: EmulatorKit,
  record: ProviderObject,
  fields: ProviderObject,
  by: string,
) {
  for (const element of JOURNALS) {
    const value = String(fields[element] ?? '');
    fields[element] = '';
    if (!value) continue;
    const journal = ctx.records('sys_journal_field');
    const entry = {
      sys_id: newSysId(),
      name: record.sys_class_name,
      element,
      element_id: record.sys_id,
      value,
      sys_created_on: now(ctx),
      sys_created_by: by,
    };
    journal.push(entry);
    kit.announce('sys_journal_field', 'created', entry, ctx);
  }
}

/** A task record after a write: priority from impact and urgency, resolution and closure times. */
function taskRules(record: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const state = String(record.state);
  const done = ['6', '7'].includes(state);
  return {
    ...record,
    priority: priorityOf(String(record.impact), String(record.urgency)),
    incident_state: state,
    active: ['7', '8'].includes(state) ? 'false' : 'true',
    resolved_at: done ? record.resolved_at || now(ctx) : '',
    closed_at: ['7', '8'].includes(state) ? record.closed_at || now(ctx) : '',
  };
}

export function tableRoutes(
  app: FastifyInstance,
  kit: EmulatorKit,
  paging: EmulatorPaging,
  callerOf: CallerOf,
) {
  const tables = (ctx: EmulatorContext, reply: FastifyReply) => {
    try {
      return ctx.records(ctx.params.table);
    } catch {
      void reply.status(400).send(failure(`Invalid table ${ctx.params.table}`));
      return undefined;
    }
  };
  const find = (ctx: EmulatorContext, records: ProviderObject[]) =>
    records.findIndex((r) => r.sys_id === ctx.params.sys_id);
  const answer = (ctx: EmulatorContext, record: ProviderObject) => ({
    result: renderRecord(ctx.params.table, record, ctx),
  });

  app.get('/api/now/table/:table', async (request, reply) => {
    const ctx = kit.context(request);
    const records = tables(ctx, reply);
    if (!records) return reply;
    const offset = Number(ctx.query.sysparm_offset ?? 0);
    if (!Number.isInteger(offset) || offset < 0)
      return reply
        .status(400)
        .send(failure(`offset is ${ctx.query.sysparm_offset}`, 'Negative offset is not supported'));
    const { matches, order } = encodedQuery(ctx.query.sysparm_query);
    const page = kit.page([...records.filter(matches)].sort(order), paging, ctx);
    if ('refused' in page) return reply.status(400).send(failure(page.refused));
    void reply.headers(page.headers);
    return { result: page.items.map((r) => renderRecord(ctx.params.table, r, ctx)) };
  });

  app.get('/api/now/table/:table/:sys_id', async (request, reply) => {
    const ctx = kit.context(request);
    const records = tables(ctx, reply);
    if (!records) return reply;
    const index = find(ctx, records);
    return index < 0 ? kit.notFound(reply, ctx.params.table) : answer(ctx, records[index]);
  });

  app.post('/api/now/table/:table', async (request, reply) => {
    const ctx = kit.context(request);
    const records = tables(ctx, reply);
    if (!records) return reply;
    const table = ctx.params.table;
    if (READ_ONLY.includes(table))
      return refused(reply, 'ACL Exception Insert Failed due to security constraints');
    const template = records[0] ?? {};
    const fields = stringFields(request.body, table, template);
    if (table === 'incident' && !fields.short_description)
      return refused(reply, 'Data Policy Exception: \n\tShort description is mandatory\n');
    if (['sys_user_group', 'core_company'].includes(table) && !fields.name)
      return refused(reply, 'Data Policy Exception: \n\tName is mandatory\n');
    const by = callerOf(ctx);
    const n = records.length + 1;
    const blank = Object.fromEntries(Object.keys(template).map((k) => [k, '']));
    const defaults =
      table === 'incident' ? { state: '1', impact: '3', urgency: '3', contact_type: 'self-service' } : {};
    let record: ProviderObject = {
      ...blank,
      ...defaults,
      ...fields,
      sys_id: newSysId(),
      sys_created_on: now(ctx),
      sys_created_by: by,
      sys_updated_on: now(ctx),
      sys_updated_by: by,
      sys_mod_count: '0',
    };
    if (table === 'incident') {
      const caller = ctx.find('sys_user', (u) => u.user_name === by);
      record = taskRules(
        {
          ...record,
          sys_class_name: 'incident',
          number: `INC${String(10000 + n).padStart(7, '0')}`,
          opened_by: caller?.sys_id ?? '',
          opened_at: now(ctx),
        },
        ctx,
      );
    }
    if (table === 'incident') record = { ...record, comments: '', work_notes: '' };
    records.push(record);
    kit.announce(table, 'created', record, ctx);
    if (table === 'incident') addJournal(ctx, kit, record, fields, by);
    return reply.status(201).send(answer(ctx, record));
  });

  const update = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = kit.context(request);
    const records = tables(ctx, reply);
    if (!records) return reply;
    const table = ctx.params.table;
    const index = find(ctx, records);
    if (index < 0) return kit.notFound(reply, table);
    if (READ_ONLY.includes(table))
      return refused(reply, 'ACL Exception Update Failed due to security constraints');
    const before = records[index];
    const fields = stringFields(request.body, table, before);
    if (table === 'incident' && 'short_description' in fields && !fields.short_description)
      return refused(reply, 'Data Policy Exception: \n\tShort description is mandatory\n');
    const by = callerOf(ctx);
    if (table === 'incident') addJournal(ctx, kit, before, fields, by);
    const merged = {
      ...before,
      ...fields,
      sys_updated_on: now(ctx),
      sys_updated_by: by,
      sys_mod_count: String(Number(before.sys_mod_count) + 1),
    };
    records[index] = table === 'incident' ? taskRules(merged, ctx) : merged;
    kit.announce(table, 'updated', records[index], ctx, before);
    return answer(ctx, records[index]);
  };
  app.patch('/api/now/table/:table/:sys_id', update);
  app.put('/api/now/table/:table/:sys_id', update);

  app.delete('/api/now/table/:table/:sys_id', async (request, reply) => {
    const ctx = kit.context(request);
    const records = tables(ctx, reply);
    if (!records) return reply;
    const index = find(ctx, records);
    if (index < 0) return kit.notFound(reply, ctx.params.table);
    if (READ_ONLY.includes(ctx.params.table))
      return refused(reply, 'ACL Exception Delete Failed due to security constraints');
    const [removed] = records.splice(index, 1);
    kit.announce(ctx.params.table, 'deleted', removed, ctx);
    return reply.status(204).send();
  });
}
