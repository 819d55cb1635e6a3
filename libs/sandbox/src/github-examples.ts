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
