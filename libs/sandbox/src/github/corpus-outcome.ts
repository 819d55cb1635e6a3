import type { CorpusDelivery } from '../corpus';
import type { CorpusOutcome } from '../demo/conformance-profile';

const CRUD: Record<string, string> = { created: 'created', edited: 'updated', deleted: 'deleted' };

/**
 * What each GitHub delivery of the shared corpus must become, from its event header and action: issues
 * are tickets (opened → created, deleted or transferred away → deleted), issue comments are comments, and
 * anything on a pull request is a declared drop (pull requests are not tickets).
 */
export function githubCorpusOutcome(delivery: CorpusDelivery): CorpusOutcome | undefined {
  const event = delivery.headers['x-github-event'];
  const body = delivery.json as { action?: string; issue?: { pull_request?: unknown } };
  const action = body.action ?? '';
  if ((event === 'issues' || event === 'issue_comment') && body.issue?.pull_request !== undefined)
    return { kind: 'ignored' };
  if (event === 'issues') {
    const change =
      action === 'opened' ? 'created' : ['deleted', 'transferred'].includes(action) ? 'deleted' : 'updated';
    return { kind: 'changes', resources: [`tickets:${change}`] };
  }
  if (event === 'issue_comment' && CRUD[action])
    return { kind: 'changes', resources: [`comments:${CRUD[action]}`] };
  return undefined;
}
