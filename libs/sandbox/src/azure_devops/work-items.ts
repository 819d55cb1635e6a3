/**
 * Work items as Azure DevOps keeps them (`id`, `rev`, `fields` by reference name) and how a JSON Patch
 * document changes them, with the rules the Agile process applies: a title is required, a state must
 * be one of the type's, identities and classification nodes must exist.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { AdoError } from './errors';
import { ADO_PROJECT, ADO_WEB, IDENTITIES } from './seed';

const T0 = '2025-03-03T10:00:00.000Z';
type Fields = Record<string, unknown>;

/** `\Fabrikam-Fiber\Iteration\Sprint 1` as a node path; `Fabrikam-Fiber\Sprint 1` as a work item's. */
export function nodePath(nodes: ProviderObject[], node: ProviderObject, forWorkItem: boolean): string {
  const names: string[] = [];
  for (let at: ProviderObject | undefined = node; at; at = nodes.find((n) => n.id === at!.parent))
    names.unshift(String(at.name));
  if (forWorkItem) return names.join('\\');
  const group = node.structureType === 'iteration' ? 'Iteration' : 'Area';
  return `\\${[names[0], group, ...names.slice(1)].join('\\')}`;
}

function seedItem(id: number, type: string, title: string, extra: Fields = {}): ProviderObject {
  const by = IDENTITIES.jamal;
  return {
    id,
    rev: 1,
    fields: {
      'System.AreaPath': ADO_PROJECT,
      'System.AreaId': 1,
      'System.TeamProject': ADO_PROJECT,
      'System.IterationPath': ADO_PROJECT,
      'System.IterationId': 2,
      'System.WorkItemType': type,
      'System.State': 'New',
      'System.Reason': 'New',
      'System.CreatedDate': T0,
      'System.CreatedBy': by,
      'System.ChangedDate': T0,
      'System.ChangedBy': by,
      'System.CommentCount': 0,
      'System.Title': title,
      'Microsoft.VSTS.Common.StateChangeDate': T0,
      'Microsoft.VSTS.Common.Priority': 2,
      ...extra,
    },
  };
}

export const adoWorkItems = (): ProviderObject[] => [
  seedItem(1, 'Bug', 'Bill PDF shows the wrong tax rate', {
    'System.State': 'Active',
    'System.AssignedTo': IDENTITIES.christie,
    'System.IterationPath': `${ADO_PROJECT}\\Sprint 1`,
    'System.IterationId': 21,
    'System.AreaPath': `${ADO_PROJECT}\\Web\\Billing`,
    'System.AreaId': 12,
    'System.Tags': 'billing; customer',
    'System.Description': '<div>Customers in Portugal see 21% instead of 23%.</div>',
    'System.CommentCount': 3,
    'Microsoft.VSTS.Common.Priority': 1,
    'Custom.Customer': 'Contoso',
  }),
  seedItem(2, 'User Story', 'Change plan from the billing page', { 'System.Tags': 'billing' }),
  seedItem(3, 'Bug', 'Locked out after password reset', {
    'System.State': 'Closed',
    'System.AssignedTo': IDENTITIES.johnnie,
    'Microsoft.VSTS.Common.ClosedDate': '2025-03-05T16:00:00.000Z',
    'System.CommentCount': 1,
  }),
  seedItem(4, 'Task', 'Rotate the staging certificates', { 'Microsoft.VSTS.Common.Priority': 3 }),
  seedItem(5, 'Task', 'Export work items to CSV', {
    'System.Parent': 2,
    'Microsoft.VSTS.Scheduling.DueDate': '2025-04-01T00:00:00Z',
  }),
  seedItem(6, 'User Story', 'Clearer error on an expired link', {
    'System.State': 'Resolved',
    'Microsoft.VSTS.Common.Priority': 4,
  }),
];

/** The work item as served: its `url` and `_links`. */
export function renderWorkItem(item: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const url = `${ctx.baseUrl()}/fabrikam/_apis/wit/workItems/${String(item.id)}`;
  return {
    ...item,
    _links: {
      self: { href: url },
      workItemUpdates: { href: `${url}/updates` },
      workItemRevisions: { href: `${url}/revisions` },
      workItemComments: { href: `${url}/comments` },
      html: { href: `${ADO_WEB}/${encodeURIComponent(ADO_PROJECT)}/_workitems/edit/${String(item.id)}` },
      workItemType: {
        href: `${ADO_WEB}/_apis/wit/workItemTypes/${encodeURIComponent(String((item.fields as Fields)['System.WorkItemType']))}`,
      },
      fields: { href: `${ctx.baseUrl()}/fabrikam/_apis/wit/fields` },
    },
    url,
  };
}

interface PatchOperation {
  op: string;
  path: string;
  value?: unknown;
}

function operations(input: ProviderObject): PatchOperation[] {
  const patch = input.operations;
  if (
    !Array.isArray(patch) ||
    patch.some((o) => typeof o !== 'object' || o === null || typeof (o as PatchOperation).path !== 'string')
  )
    throw new AdoError(
      400,
      'VssPropertyValidationException',
      'You must pass a valid patch document in the body of the request.',
    );
  return patch as PatchOperation[];
}

function identityOf(value: unknown): ProviderObject | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  const text = String(value).toLowerCase();
  const found = Object.values(IDENTITIES).find(
    (i) =>
      String(i.id) === text ||
      String(i.uniqueName).toLowerCase() === text ||
      String(i.displayName).toLowerCase() === text,
  );
  if (!found)
    throw new AdoError(
      400,
      'RuleValidationException',
      `TF401320: Rule Error for field Assigned To. Error code: Required, InvalidEmpty, HasValues, LimitedToValues, AllowsOldValue, InvalidNotOldValue.`,
    );
  return found;
}

/** Applies a JSON Patch document to a work item's fields, as the work item form's rules allow. */
export function applyPatch(
  item: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
  creating: boolean,
): ProviderObject {
  const fields: Fields = { ...(item.fields as Fields) };
  const fieldNames = ctx.records('fields').map((f) => String(f.referenceName));
  const writable = new Set([
    ...fieldNames,
    'System.Description',
    'System.IterationId',
    'System.AreaId',
    'Microsoft.VSTS.Scheduling.DueDate',
    'System.History',
  ]);
  for (const op of operations(input)) {
    if (!op.path.startsWith('/fields/')) continue; // relations and links are not emulated
    const name = op.path.slice('/fields/'.length);
    if (!writable.has(name))
      throw new AdoError(400, 'WorkItemFieldInvalidException', `TF51535: Cannot find field ${name}.`);
    if (op.op === 'remove') {
      delete fields[name];
      continue;
    }
    if (!['add', 'replace'].includes(op.op)) continue;
    fields[name] = op.value;
  }
  normalize(fields, ctx, item);
  if (typeof fields['System.Title'] !== 'string' || fields['System.Title'].trim() === '')
    throw new AdoError(
      400,
      'RuleValidationException',
      'TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty.',
    );
  return { ...item, rev: creating ? 1 : Number(item.rev) + 1, fields };
}

/** Identities, tags, nodes and states as Azure DevOps stores what a patch wrote. */
function normalize(fields: Fields, ctx: EmulatorContext, before: ProviderObject): void {
  if ('System.AssignedTo' in fields && typeof fields['System.AssignedTo'] !== 'object') {
    const who = identityOf(fields['System.AssignedTo']);
    if (who) fields['System.AssignedTo'] = who;
    else delete fields['System.AssignedTo'];
  }
  if (typeof fields['System.Tags'] === 'string') {
    const names = [
      ...new Set(
        fields['System.Tags']
          .split(';')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ].sort();
    for (const name of names)
      if (!ctx.find('tags', (t) => String(t.name).toLowerCase() === name.toLowerCase()))
        ctx
          .records('tags')
          .push({ id: randomUUID(), name, url: `${ADO_WEB}/_apis/wit/tags/${name}`, lastUpdated: ctx.now() });
    if (names.length) fields['System.Tags'] = names.join('; ');
    else delete fields['System.Tags'];
  }
  for (const [idField, pathField, type] of [
    ['System.IterationId', 'System.IterationPath', 'iteration'],
    ['System.AreaId', 'System.AreaPath', 'area'],
  ] as const) {
    const node = ctx.find('nodes', (n) => n.id === Number(fields[idField]) && n.structureType === type);
    if (!node)
      throw new AdoError(
        400,
        'RuleValidationException',
        `TF401347: Invalid tree id ${String(fields[idField])}.`,
      );
    fields[idField] = node.id;
    fields[pathField] = nodePath(ctx.records('nodes'), node, true);
  }
  const type = ctx.find('workitemtypes', (t) => t.name === fields['System.WorkItemType']);
  const states = ((type?.states ?? []) as ProviderObject[]).map((s) => String(s.name));
  if (!states.includes(String(fields['System.State'])))
    throw new AdoError(
      400,
      'RuleValidationException',
      `TF401320: Rule Error for field State. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty.`,
    );
  const beforeState = (before.fields as Fields | undefined)?.['System.State'];
  if (fields['System.State'] !== beforeState) {
    fields['System.Reason'] =
      beforeState === undefined ? 'New' : `Moved to state ${String(fields['System.State'])}`;
    fields['Microsoft.VSTS.Common.StateChangeDate'] = ctx.now();
    if (['Closed', 'Done'].includes(String(fields['System.State'])))
      fields['Microsoft.VSTS.Common.ClosedDate'] = ctx.now();
    else delete fields['Microsoft.VSTS.Common.ClosedDate'];
  }
  const priority = fields['Microsoft.VSTS.Common.Priority'];
  if (priority !== undefined && ![1, 2, 3, 4].includes(Number(priority)))
    throw new AdoError(
      400,
      'RuleValidationException',
      'TF401320: Rule Error for field Priority. Error code: LimitedToValues.',
    );
  if (priority !== undefined) fields['Microsoft.VSTS.Common.Priority'] = Number(priority);
  delete fields['System.History'];
}

/** A new work item of `type` from a patch. */
export function createWorkItem(type: string, input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const known = ctx.find('workitemtypes', (t) => String(t.name).toLowerCase() === type.toLowerCase());
  if (!known)
    throw new AdoError(
      404,
      'WorkItemTypeNotFoundException',
      `TF401326: Invalid work item type name ${type}.`,
    );
  const now = ctx.now();
  const by = IDENTITIES.jamal;
  const base = seedItem(ctx.nextId('workitems'), String(known.name), '', {
    'System.CreatedDate': now,
    'System.CreatedBy': by,
    'System.ChangedDate': now,
    'System.ChangedBy': by,
    'Microsoft.VSTS.Common.StateChangeDate': now,
  });
  return applyPatch(
    { ...base, fields: { ...(base.fields as Fields), 'System.Title': undefined } },
    input,
    ctx,
    true,
  );
}

export function updateWorkItem(
  item: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  const updated = applyPatch(item, input, ctx, false);
  const fields = updated.fields as Fields;
  return {
    ...updated,
    fields: { ...fields, 'System.ChangedDate': ctx.now(), 'System.ChangedBy': IDENTITIES.jamal },
  };
}
