/**
 * Shortcut REST API v3 described for the kit: one workspace's stories, comments, members, groups,
 * labels, epics, iterations, workflows and custom fields. `Shortcut-Token` header auth; story search
 * with `next` tokens (the path and query of the next page, stable order, 1000 results at most);
 * Shortcut's `{"message", "errors"}` bodies (schema mismatches as `missing-required-key`,
 * `disallowed-key`); a 429 past 200 requests a minute, without rate-limit headers; webhooks signed
 * with `Payload-Signature` (HMAC-SHA256 hex of the body).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  DescribedEmulator,
  ProviderValidationError,
  type DescribedEmulatorOptions,
  type EmulatorContext,
  type EmulatorDescription,
  type EmulatorKit,
  type ProviderObject,
} from '../kit/described';
import { searchStories } from './search';
import {
  SHORTCUT_APP,
  SHORTCUT_SEED_TOKEN,
  epic,
  group,
  label,
  shortcutCustomFields,
  shortcutEpics,
  shortcutGroups,
  shortcutIterations,
  shortcutLabels,
  shortcutMembers,
  shortcutWorkflows,
} from './seed';
import {
  createComment,
  createStory,
  renderStory,
  shortcutComments,
  shortcutStories,
  stamp,
  updateComment,
  updateStory,
} from './stories';
import { commentWebhook, signShortcutWebhook, storyWebhook } from './webhooks';

const API = '/api/v3';

function requireName(input: ProviderObject): string {
  if (typeof input.name !== 'string' || input.name.trim() === '')
    throw new ProviderValidationError('name: missing-required-key', { name: ['missing-required-key'] });
  return input.name;
}

/** Only the keys a parameters schema names; any other is refused as Shortcut's schema check does. */
function allowOnly(input: ProviderObject, allowed: string[]): ProviderObject {
  const extra = Object.keys(input).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new ProviderValidationError(
      `${extra.join(', ')}: disallowed-key`,
      Object.fromEntries(extra.map((k) => [k, ['disallowed-key']])),
    );
  return input;
}

const edit = (allowed: string[]) => (record: ProviderObject, input: ProviderObject, ctx: EmulatorContext) => {
  const changes = allowOnly(input, allowed);
  if (changes.name !== undefined) requireName(changes);
  return { ...record, ...changes, updated_at: stamp(ctx.now()) };
};

export const SHORTCUT_EMULATOR: EmulatorDescription = {
  provider: 'shortcut',
  apiPrefix: `${API}/`,
  credentials: { api_token: SHORTCUT_SEED_TOKEN },
  authorized: (request, credentials) => request.headers['shortcut-token'] === credentials.api_token,
  errors: {
    unauthorized: () => ({ message: 'Unauthorized' }),
    notFound: () => ({ message: 'Resource not found.' }),
    invalid: (e) => ({
      message: 'Schema mismatch',
      errors: Object.fromEntries(Object.entries(e.details).map(([k, v]) => [k, v.join(', ')])),
    }),
    invalidStatus: 400,
    badRequest: (message) =>
      message.startsWith('Malformed JSON')
        ? { message: 'Malformed JSON in request body.' }
        : message === 'Resource not found.'
          ? { message }
          : { message: 'Schema mismatch', errors: { request: message } },
  },
  paging: { style: 'none' },
  rateLimit: {
    limit: 200,
    windowSeconds: 60,
    headers: () => ({}),
    body: { message: 'Rate limit exceeded. Please wait and try again.' },
  },
  collections: {
    stories: {
      path: `${API}/stories`,
      seed: shortcutStories(),
      // The list is the search endpoint (search.ts).
      methods: ['get', 'create', 'update', 'delete'],
      render: renderStory,
      create: createStory,
      update: updateStory,
      webhook: storyWebhook,
    },
    comments: {
      path: `${API}/stories/:story/comments`,
      scope: { story: 'story_id' },
      seed: shortcutComments(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      create: createComment,
      update: updateComment,
      webhook: commentWebhook,
    },
    members: { path: `${API}/members`, seed: shortcutMembers(), methods: ['list', 'get'] },
    groups: {
      path: `${API}/groups`,
      seed: shortcutGroups(),
      methods: ['list', 'get', 'create', 'update'],
      filters: { archived: (g, v) => String(g.archived) === v },
      create: (input, ctx) => {
        allowOnly(input, ['name', 'mention_name', 'description', 'member_ids', 'workflow_ids', 'color']);
        const mention = typeof input.mention_name === 'string' ? input.mention_name : '';
        if (mention === '')
          throw new ProviderValidationError('mention_name: missing-required-key', {
            mention_name: ['missing-required-key'],
          });
        if (ctx.find('groups', (g) => g.mention_name === mention))
          throw new ProviderValidationError('Unprocessable entity', { mention_name: ['already-taken'] });
        const now = stamp(ctx.now());
        const fresh = group(randomUUID(), requireName(input), mention, (input.member_ids as string[]) ?? []);
        return { ...fresh, description: input.description ?? '', created_at: now, updated_at: now };
      },
      update: edit([
        'name',
        'description',
        'archived',
        'color',
        'mention_name',
        'member_ids',
        'workflow_ids',
      ]),
    },
    labels: {
      path: `${API}/labels`,
      seed: shortcutLabels(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      create: (input, ctx) => {
        allowOnly(input, ['name', 'description', 'color', 'external_id']);
        const name = requireName(input);
        if (ctx.find('labels', (l) => l.name === name))
          throw new ProviderValidationError('Unprocessable entity', { name: ['already-taken'] });
        const fresh = label(ctx.nextId('labels'), name, (input.color as string) ?? null, stamp(ctx.now()));
        return { ...fresh, description: input.description ?? null };
      },
      update: edit(['name', 'description', 'color', 'archived']),
    },
    epics: {
      path: `${API}/epics`,
      seed: shortcutEpics(),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      // One epic is served whole (`Epic`, with its comments); the list is `EpicSlim`.
      itemBody: (e) => ({ ...(e as ProviderObject), comments: [] }),
      create: (input, ctx) => {
        allowOnly(input, [
          'name',
          'description',
          'state',
          'deadline',
          'owner_ids',
          'group_id',
          'external_id',
        ]);
        const fresh = epic(ctx.nextId('epics'), requireName(input), '', stamp(ctx.now()));
        return { ...fresh, ...input, app_url: `${SHORTCUT_APP}/epic/${String(fresh.id)}` };
      },
      update: edit(['name', 'description', 'state', 'deadline', 'owner_ids', 'group_id', 'archived']),
    },
    iterations: { path: `${API}/iterations`, seed: shortcutIterations(), methods: ['list', 'get'] },
    workflows: { path: `${API}/workflows`, seed: shortcutWorkflows(), methods: ['list', 'get'] },
    custom_fields: { path: `${API}/custom-fields`, seed: shortcutCustomFields(), methods: ['list', 'get'] },
  },
  signWebhook: (body, secret) => signShortcutWebhook(body, secret),
  extraRoutes: (app: FastifyInstance, kit: EmulatorKit) => {
    app.get(`${API}/search/stories`, async (request, reply) => {
      const answer = searchStories(kit.context(request), kit);
      return reply.status(answer.status).send(answer.body);
    });
  },
};

export class ShortcutEmulator extends DescribedEmulator {
  constructor(options: DescribedEmulatorOptions = {}) {
    super(SHORTCUT_EMULATOR, options);
  }
}
