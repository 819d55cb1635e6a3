import { jiraListCount } from './conformance-counts';
import { JIRA_WRITE_PLANS } from './conformance';
import type { DemoProvider } from '../demo/demo-provider';
import { jiraCorpusOutcome } from './corpus-outcome';
import { JiraEmulator } from './jira-emulator';
import { JIRA_SEED_CREDENTIALS } from './jira-seed-directory';

export const jiraDemo: DemoProvider<JiraEmulator> = {
  provider: 'jira',
  port: 4103,
  createEmulator: () => new JiraEmulator(),
  settings: { site: 'acme', project_key: 'SUP' },
  credentials: { ...JIRA_SEED_CREDENTIALS },
  conformance: {
    plans: JIRA_WRITE_PLANS,
    count: jiraListCount,
    corpus: jiraCorpusOutcome,
    corpusMapsEverything: true,
    rateLimitNext: (emulator, times) => emulator.injectRateLimit(times, 1),
  },
};
