/**
 * Service hook events as Azure DevOps posts them to a Web Hooks subscription (resource version 1.0):
 * the event envelope, its messages, the resource (the work item; for an update the change, with the
 * revised work item in `revision`) and the containers. Unsigned: the subscription's custom header
 * carries the secret.
 */
import { newDeliveryUuid } from '../kit/delivery-ids';
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { ADO_PROJECT_ID, IDENTITIES } from './seed';
import { renderWorkItem } from './work-items';

export const ADO_SECRET_HEADER = 'x-azure-devops-webhook-secret';
const SUBSCRIPTION_ID = '7d4d6b4e-3c6a-4c8e-9a54-2a1f3b0e9c11';
let notification = 0;

type Fields = Record<string, unknown>;

function envelope(eventType: string, text: string, resource: unknown, ctx: EmulatorContext) {
  return {
    subscriptionId: SUBSCRIPTION_ID,
    notificationId: ++notification,
    id: newDeliveryUuid(),
    eventType,
    publisherId: 'tfs',
    message: { text, html: text, markdown: text },
    detailedMessage: { text, html: text, markdown: text },
    resource,
    resourceVersion: '1.0',
    resourceContainers: {
      collection: { id: 'c12d0eb8-e382-443b-9f9c-c52cba5014c2' },
      account: { id: 'f844ec47-a9db-4511-8281-8b63f4eaf94e' },
      project: { id: ADO_PROJECT_ID },
    },
    createdDate: ctx.now(),
  };
}

const title = (item: ProviderObject) =>
  `${String((item.fields as Fields)['System.WorkItemType'])} #${String(item.id)} (${String((item.fields as Fields)['System.Title'])})`;

/** The change an update made: `{field: {oldValue, newValue}}`. */
function changes(before: ProviderObject, after: ProviderObject): Fields {
  const [b, a] = [before.fields as Fields, after.fields as Fields];
  const out: Fields = {};
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)]))
    if (JSON.stringify(b[name]) !== JSON.stringify(a[name]))
      out[name] = { oldValue: b[name], newValue: a[name] };
  return out;
}

export function workItemEvent(
  action: 'created' | 'updated' | 'deleted',
  item: ProviderObject,
  ctx: EmulatorContext,
  before?: ProviderObject,
) {
  const rendered = renderWorkItem(item, ctx);
  if (action !== 'updated')
    return envelope(
      `workitem.${action}`,
      `${title(item)} ${action} by ${String(IDENTITIES.jamal.displayName)}`,
      rendered,
      ctx,
    );
  const update = {
    id: Number(item.rev) - 1,
    workItemId: item.id,
    rev: item.rev,
    revisedBy: IDENTITIES.jamal,
    revisedDate: ctx.now(),
    fields: before ? changes(before, item) : {},
    _links: rendered._links,
    url: `${String(rendered.url)}/updates/${Number(item.rev) - 1}`,
    revision: rendered,
  };
  return envelope(
    'workitem.updated',
    `${title(item)} updated by ${String(IDENTITIES.jamal.displayName)}`,
    update,
    ctx,
  );
}

/** A new comment: `workitem.commented`, the work item with the comment as `System.History`. */
export function commentEvent(
  action: 'created' | 'updated' | 'deleted',
  comment: ProviderObject,
  ctx: EmulatorContext,
) {
  if (action !== 'created') return undefined; // Azure DevOps has no event for edited or deleted comments
  const item = ctx.find('workitems', (i) => i.id === comment.workItemId);
  if (!item) return undefined;
  const withHistory = { ...item, fields: { ...(item.fields as Fields), 'System.History': comment.text } };
  return envelope(
    'workitem.commented',
    `${title(item)} commented on by ${String(IDENTITIES.jamal.displayName)}`,
    renderWorkItem(withHistory, ctx),
    ctx,
  );
}
