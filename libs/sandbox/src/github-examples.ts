/**
 * GitHub's official example deliveries from the npm package @octokit/webhooks-examples, by event name.
 */
interface ExampleEntry {
  name: string;
  examples: Record<string, unknown>[];
}

export interface GithubExample {
  event: string;
  action: string;
  payload: Record<string, unknown>;
}

export function githubExamples(event: string): GithubExample[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const index = require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleEntry[];
  const entry = index.find((e) => e.name === event);
  if (!entry) throw new Error(`@octokit/webhooks-examples has no ${event} examples`);
  return entry.examples.map((payload) => ({ event, action: String(payload.action ?? ''), payload }));
}

/**
 * The `X-GitHub-Event` of a corpus delivery. Not every source documents it, so it is read from what the
 * payload is: GitHub's `issue_comment` deliveries carry a `comment` beside the `issue`, `issues` ones do not.
 */
export function githubEventOf(delivery: { headers: Record<string, string>; json: unknown }): string {
  const documented = delivery.headers['x-github-event'];
  if (documented) return documented;
  const payload = delivery.json as Record<string, unknown>;
  return 'comment' in payload ? 'issue_comment' : 'issues';
}
