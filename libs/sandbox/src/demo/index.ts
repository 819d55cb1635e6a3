import { githubDemo } from '../github/demo';
import { gitlabDemo } from '../gitlab/demo';
import { jiraDemo } from '../jira/demo';
import { zendeskDemo } from '../zendesk/demo';
import type { DemoProvider } from './demo-provider';

export type { ConformanceProfile, CorpusOutcome, WritePlan } from './conformance-profile';
export type { DemoProvider, WebhookSendingEmulator } from './demo-provider';

/** The providers the local demo runs, one line each. */
export const DEMO_PROVIDERS: readonly DemoProvider[] = [githubDemo, jiraDemo, zendeskDemo, gitlabDemo];
export * from './demo-sandbox';
