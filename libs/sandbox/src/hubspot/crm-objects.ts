/**
 * What every HubSpot CRM object type shares in the emulator: `properties=` picks what an answer carries,
 * `associations=` adds the associated ids, writes take `{properties, associations}` and are refused as
 * HubSpot refuses them (unknown property, invalid option, missing required property, unknown target).
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { ProviderValidationError } from '../kit/described';

/** Always in an answer, whatever was asked. */
const ALWAYS: Record<string, string[]> = {
  tickets: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  contacts: ['createdate', 'lastmodifieddate', 'hs_object_id'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** The properties each object type knows (ticket properties come from the property definitions). */
const KNOWN: Record<string, string[]> = {
  notes: ['hs_note_body', 'hs_timestamp', 'hubspot_owner_id', 'hs_attachment_ids'],
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle'],
  companies: ['name', 'domain', 'industry', 'city'],
};

/** Required on create. */
const REQUIRED: Record<string, string[]> = {
  tickets: ['hs_pipeline', 'hs_pipeline_stage', 'subject'],
  notes: ['hs_timestamp'],
};

/** HubSpot-defined association type id → [from type, to type]. */
const ASSOCIATION_TYPES: Record<number, [string, string]> = {
  16: ['tickets', 'contacts'],
  26: ['tickets', 'companies'],
  228: ['notes', 'tickets'],
  1: ['contacts', 'companies'],
  279: ['contacts', 'companies'],
};

const SINGULAR: Record<string, string> = {
  tickets: 'ticket',
  notes: 'note',
  contacts: 'contact',
  companies: 'company',
};

/** The answer for one object: the properties asked for (null when unset) and its associations. */
export function renderObject(type: string, record: ProviderObject, ctx: EmulatorContext, asked?: string[]) {
  const stored = record.properties as Record<string, unknown>;
  const names = asked ?? (ctx.query.properties ? ctx.query.properties.split(',') : []);
  const properties = Object.fromEntries(
    [...new Set([...ALWAYS[type], ...names])].map((name) => [name, stored[name] ?? null]),
  );
  const associations: Record<string, unknown> = {};
  for (const other of (ctx.query.associations ?? '').split(',').filter(Boolean)) {
    const results = associatedIds(ctx, type, String(record.id), other).map((id) => ({
      id,
      type: `${SINGULAR[type]}_to_${SINGULAR[other] ?? other}`,
    }));
    if (results.length > 0) associations[other] = { results };
  }
  return {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
    ...(Object.keys(associations).length > 0 ? { associations } : {}),
  };
}

/** Ids of the `other` records associated with this one, in the order they were associated. */
export function associatedIds(ctx: EmulatorContext, type: string, id: string, other: string): string[] {
  return ctx
    .records('associations')
    .flatMap((a) =>
      a.fromType === type && a.fromId === id && a.toType === other
        ? [String(a.toId)]
        : a.toType === type && a.toId === id && a.fromType === other
          ? [String(a.fromId)]
          : [],
    );
}

function knownProperties(type: string, ctx: EmulatorContext): string[] {
  if (type !== 'tickets') return [...KNOWN[type], ...ALWAYS[type]];
  return ctx.records('ticket_properties').map((p) => String(p.name));
}

/** The `properties` of a write, each checked against what HubSpot accepts. */
function checkedProperties(
  type: string,
  input: ProviderObject,
  ctx: EmulatorContext,
): Record<string, string> {
  const given = input.properties;
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new ProviderValidationError('Invalid input JSON on line 1: properties must be an object');
  const known = knownProperties(type, ctx);
  const errors: string[] = [];
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (!known.includes(name)) errors.push(`Property "${name}" does not exist`);
    else properties[name] = value === null ? '' : String(value);
  }
  if (type === 'tickets') errors.push(...ticketValueErrors(properties, ctx));
  if (errors.length > 0)
    throw new ProviderValidationError(`Property values were not valid: ${errors.join('; ')}`);
  return properties;
}

function ticketValueErrors(properties: Record<string, string>, ctx: EmulatorContext): string[] {
  const errors: string[] = [];
  for (const definition of ctx.records('ticket_properties')) {
    const value = properties[String(definition.name)];
    const options = (definition.options as { value: string }[]).map((o) => o.value);
    if (value && options.length > 0 && !options.includes(value))
      errors.push(`${value} was not one of the allowed options for ${String(definition.name)}`);
  }
  const stage = properties.hs_pipeline_stage;
  if (stage) {
    const stages = ctx.records('pipelines').flatMap((p) => (p.stages as ProviderObject[]).map((s) => s.id));
    if (!stages.includes(stage)) errors.push(`${stage} is not a valid pipeline stage`);
  }
  const owner = properties.hubspot_owner_id;
  if (owner && !ctx.find('owners', (o) => o.id === owner)) errors.push(`${owner} is not a valid owner id`);
  return errors;
}

/** A new object from `{properties, associations}`; its associations are stored beside it. */
export function createObject(type: string) {
  return (input: ProviderObject, ctx: EmulatorContext): ProviderObject => {
    const properties = checkedProperties(type, input, ctx);
    const missing = (REQUIRED[type] ?? []).filter((name) => !properties[name]);
    if (missing.length > 0)
      throw new ProviderValidationError(
        `Property values were not valid: ${missing.map((m) => `${m} is required`).join('; ')}`,
      );
    const id = String(ctx.nextId(type));
    const associations = checkedAssociations(type, input.associations, ctx);
    const now = ctx.now();
    const created = ALWAYS[type][0];
    for (const [toType, toId, typeId] of associations)
      ctx
        .records('associations')
        .push({ id: ctx.nextId('associations'), fromType: type, fromId: id, toType, toId, typeId });
    return {
      id,
      properties: { ...properties, [created]: now, [ALWAYS[type][1]]: now, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
  };
}

export function updateObject(type: string) {
  return (record: ProviderObject, input: ProviderObject, ctx: EmulatorContext): ProviderObject => {
    const properties = checkedProperties(type, input, ctx);
    const now = ctx.now();
    const merged = { ...(record.properties as object), ...properties, [ALWAYS[type][1]]: now };
    if (type === 'tickets' && properties.hs_pipeline_stage) {
      const closed = ctx
        .records('pipelines')
        .flatMap((p) => p.stages as ProviderObject[])
        .some(
          (s) =>
            s.id === properties.hs_pipeline_stage && (s.metadata as ProviderObject).ticketState === 'CLOSED',
        );
      Object.assign(merged, { closed_date: closed ? now : null });
    }
    return { ...record, properties: merged, updatedAt: now };
  };
}

function checkedAssociations(type: string, given: unknown, ctx: EmulatorContext): [string, string, number][] {
  if (given === undefined) return [];
  if (!Array.isArray(given))
    throw new ProviderValidationError('Invalid input JSON: associations must be an array');
  return given.map((association: { to?: { id?: unknown }; types?: { associationTypeId?: unknown }[] }) => {
    const typeId = Number(association.types?.[0]?.associationTypeId);
    const [from, to] = ASSOCIATION_TYPES[typeId] ?? [];
    const toId = String(association.to?.id ?? '');
    if (from !== type)
      throw new ProviderValidationError(`${typeId} is not a valid association type for ${type}`);
    if (!ctx.find(to, (r) => String(r.id) === toId))
      throw new ProviderValidationError(`One or more associations are invalid: ${to} ${toId} does not exist`);
    return [to, toId, typeId];
  });
}
