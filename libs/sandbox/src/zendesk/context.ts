import type { FastifyRequest } from 'fastify';
import type { ZendeskEventPublisher } from './events';
import type { ZdUser, ZendeskState } from './model';

/** What the route modules share: the state, the clock, id allocation and the webhook publisher. */
export interface ZendeskContext {
  readonly state: ZendeskState;
  readonly events: ZendeskEventPublisher;
  /** The emulator's origin (`http://127.0.0.1:port`), used in `url` fields. */
  base(): string;
  /** Now, as Zendesk writes timestamps (`2026-01-05T09:00:00Z`). */
  timestamp(): string;
  nextId(): number;
  /** The user the request authenticated as (API token owner). */
  actor(request: FastifyRequest): ZdUser;
}
