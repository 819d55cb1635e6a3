import { JiraEmulator } from './jira-emulator';
import { JIRA_SEED_CREDENTIALS } from './jira-seed-directory';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export const JIRA_BASIC_AUTH = `Basic ${Buffer.from(`${JIRA_SEED_CREDENTIALS.email}:${JIRA_SEED_CREDENTIALS.api_token}`).toString('base64')}`;

/**
 * Emulator specs only: a fresh emulator per test (fixed clock) and `call` for plain fetch requests
 * authenticated as the seed API token owner unless told otherwise.
 */
export function jiraEmulatorHarness() {
  let current: JiraEmulator | undefined;
  const harness = {
    get emulator(): JiraEmulator {
      if (!current) throw new Error('the emulator starts in beforeEach');
      return current;
    },
  };
  beforeEach(async () => {
    current = new JiraEmulator({ clock: () => new Date('2026-02-01T12:00:00Z') });
    await current.start();
  });
  afterEach(() => current?.stop());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    authorization = JIRA_BASIC_AUTH,
  ): Promise<Answer> => {
    const response = await fetch(`${harness.emulator.url}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: isJson ? JSON.parse(text) : undefined,
    };
  };
  return { harness, call };
}
