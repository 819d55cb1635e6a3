import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatedHook, EmulatedHooks } from '../kit/hooks';
import { GITLAB_PROJECT_PATH, GITLAB_SEED_PROJECT_ID } from './seed';

const HOOK_EVENTS = [
  'issues_events',
  'confidential_issues_events',
  'note_events',
  'confidential_note_events',
];

/** GitLab's project hook (REST: POST /projects/:id/hooks); the token is never shown back. */
function hookOf(hook: EmulatedHook): Record<string, unknown> {
  return {
    id: Number(hook.id),
    url: hook.url,
    name: null,
    description: null,
    project_id: GITLAB_SEED_PROJECT_ID,
    push_events: false,
    ...Object.fromEntries(HOOK_EVENTS.map((event) => [event, hook.events.includes(event)])),
    enable_ssl_verification: true,
    alert_status: 'executable',
    disabled_until: null,
    created_at: hook.createdAt,
  };
}

const isProject = (id: string) =>
  id === String(GITLAB_SEED_PROJECT_ID) || decodeURIComponent(id) === GITLAB_PROJECT_PATH;
const projectNotFound = (reply: FastifyReply) => reply.status(404).send({ message: '404 Project Not Found' });

/** Project hooks: add, get and delete (the `token` is what GitLab sends back as `X-Gitlab-Token`). */
export function registerProjectHooks(app: FastifyInstance, hooks: EmulatedHooks): void {
  type Params = { project: string; hook_id?: string };
  app.post<{ Params: Params }>('/api/v4/projects/:project/hooks', (request, reply) => {
    if (!isProject(request.params.project)) return projectNotFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
      return reply.status(400).send({ error: 'url is missing' });
    const events = HOOK_EVENTS.filter((event) => body[event] === true);
    const hook = hooks.create(body.url, typeof body.token === 'string' ? body.token : '', events);
    return reply.status(201).send(hookOf(hook));
  });
  app.get<{ Params: Params }>('/api/v4/projects/:project/hooks/:hook_id', (request, reply) => {
    const hook = isProject(request.params.project) ? hooks.get(request.params.hook_id ?? '') : undefined;
    return hook ? hookOf(hook) : reply.status(404).send({ message: '404 Not found' });
  });
  app.delete<{ Params: Params }>('/api/v4/projects/:project/hooks/:hook_id', (request, reply) =>
    isProject(request.params.project) && hooks.remove(request.params.hook_id ?? '')
      ? reply.status(204).send()
      : reply.status(404).send({ message: '404 Not found' }),
  );
}
