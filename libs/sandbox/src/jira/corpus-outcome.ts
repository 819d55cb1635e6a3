import type { CorpusDelivery } from '../corpus';
import type { CorpusOutcome } from '../demo/conformance-profile';

/** Event prefixes of what the unified model has no resource for: declared drops. */
const DROPPED = /^(worklog_|jira:worklog_|issuelink_|issue_property_|sprint_|board_|jira:version_)/;

/**
 * What each Jira delivery of the shared corpus must become, from its `webhookEvent`: issues are tickets
 * (an epic is a collection too, a sub-task a task too), comments are comments, and worklogs, links,
 * sprints, boards and versions are declared drops.
 */
export function jiraCorpusOutcome(delivery: CorpusDelivery): CorpusOutcome | undefined {
  const body = delivery.json as {
    webhookEvent?: string;
    issue?: { fields?: { issuetype?: { name?: string; hierarchyLevel?: number; subtask?: boolean } } };
  };
  const event = body.webhookEvent ?? '';
  if (DROPPED.test(event)) return { kind: 'ignored' };
  const issue = /^jira:issue_(created|updated|deleted)$/.exec(event);
  if (issue) {
    const type = body.issue?.fields?.issuetype;
    const also =
      type?.hierarchyLevel === 1 || type?.name === 'Epic' ? ['collections'] : type?.subtask ? ['tasks'] : [];
    return { kind: 'changes', resources: ['tickets', ...also].map((r) => `${r}:${issue[1]}`) };
  }
  const comment = /^comment_(created|updated|deleted)$/.exec(event);
  if (comment) return { kind: 'changes', resources: [`comments:${comment[1]}`] };
  return undefined;
}
