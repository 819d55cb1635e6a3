import { freshdeskDemo } from '../freshdesk/demo';
import { frontDemo } from '../front/demo';
import { githubDemo } from '../github/demo';
import { gitlabDemo } from '../gitlab/demo';
import { intercomDemo } from '../intercom/demo';
import { jiraDemo } from '../jira/demo';
import { jiraServiceManagementDemo } from '../jira_service_management/demo';
import { linearDemo } from '../linear/demo';
import { zendeskDemo } from '../zendesk/demo';
import type { DemoProvider } from './demo-provider';

export type { ConformanceProfile, CorpusOutcome, WritePlan } from './conformance-profile';
export type { DemoProvider, WebhookSendingEmulator } from './demo-provider';

/** The providers the local demo runs, one line each. */
export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  githubDemo,
  jiraDemo,
  zendeskDemo,
  gitlabDemo,
  linearDemo,
  intercomDemo,
  freshdeskDemo,
  frontDemo,
  jiraServiceManagementDemo,
];
export * from './demo-sandbox';
export * from './select-demo-providers';
