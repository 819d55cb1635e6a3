import type { DemoProvider } from '../demo/demo-provider';
import { JiraEmulator } from './jira-emulator';
import { JIRA_SEED_CREDENTIALS } from './jira-seed-directory';

export const jiraDemo: DemoProvider = {
  provider: 'jira',
  port: 4103,
  createEmulator: () => new JiraEmulator(),
  settings: { site: 'acme', project_key: 'SUP' },
  credentials: { ...JIRA_SEED_CREDENTIALS },
};
