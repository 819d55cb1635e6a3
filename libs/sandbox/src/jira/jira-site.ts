import type { FastifyRequest } from 'fastify';
import type { RenderContext } from './jira-render';
import type { JiraState } from './jira-state';

/** What the route modules need from the emulator. */
export interface JiraSite {
  readonly state: JiraState;
  /** The accountId the request authenticated as. */
  accountOf(request: FastifyRequest): string;
  render(api?: 2 | 3): RenderContext;
  /**
   * Sends a webhook delivery (signed per subscription) to every subscriber. `Secondary` marks events
   * Jira cascades from another one (the comments of a deleted issue).
   */
  emit(payload: Record<string, unknown>, flow?: 'Primary' | 'Secondary'): void;
}
