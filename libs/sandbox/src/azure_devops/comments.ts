/** Work item comments (the Discussion), as the 7.1-preview.4 comments API serves them. */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { AdoError } from './errors';
import { IDENTITIES } from './seed';

export function comment(
  workItemId: number,
  id: number,
  by: ProviderObject,
  text: string,
  at: string,
): ProviderObject {
  return {
    workItemId,
    id,
    version: 1,
    text,
    renderedText: text,
    format: 'html',
    createdBy: by,
    createdDate: at,
    modifiedBy: by,
    modifiedDate: at,
    isDeleted: false,
    mentions: [],
    reactions: [],
  };
}

export const adoComments = (): ProviderObject[] => [
  comment(
    1,
    4001,
    IDENTITIES.jamal,
    '<div>Three customers reported it this week.</div>',
    '2025-03-03T11:00:00.000Z',
  ),
  comment(
    1,
    4002,
    IDENTITIES.christie,
    '<div>The rate table was cached before the change.</div>',
    '2025-03-03T12:00:00.000Z',
  ),
  comment(1, 4003, IDENTITIES.christie, '<div>Fix is on staging.</div>', '2025-03-04T09:00:00.000Z'),
  comment(3, 4004, IDENTITIES.johnnie, '<div>Deployed.</div>', '2025-03-05T16:00:00.000Z'),
];

/** The comment as served: its url (comment ids are unique in the organization, numbered from one counter). */
export function renderComment(c: ProviderObject, ctx: EmulatorContext): ProviderObject {
  return {
    ...c,
    url: `${ctx.baseUrl()}/fabrikam/_apis/wit/workItems/${String(c.workItemId)}/comments/${String(c.id)}`,
  };
}

function text(input: ProviderObject): string {
  if (typeof input.text !== 'string' || input.text.trim() === '')
    throw new AdoError(400, 'ArgumentNullException', 'Value cannot be null.\r\nParameter name: text');
  return input.text;
}

export function createComment(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const workItemId = Number(ctx.params.workItemId);
  if (!ctx.find('workitems', (i) => i.id === workItemId))
    throw new AdoError(
      400,
      'WorkItemUnauthorizedAccessException',
      `TF401232: Work item ${workItemId} does not exist, or you do not have permissions to read it.`,
    );
  return comment(workItemId, ctx.nextId('comments'), IDENTITIES.jamal, text(input), ctx.now());
}

export function updateComment(
  c: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  return {
    ...c,
    text: text(input),
    renderedText: text(input),
    version: Number(c.version) + 1,
    modifiedDate: ctx.now(),
    modifiedBy: IDENTITIES.jamal,
  };
}
