import { asanaDemo } from '../asana/demo';
import { azureDevopsDemo } from '../azure_devops/demo';
import { clickupDemo } from '../clickup/demo';
import { freshdeskDemo } from '../freshdesk/demo';
import { freshserviceDemo } from '../freshservice/demo';
import { frontDemo } from '../front/demo';
import { githubDemo } from '../github/demo';
import { gitlabDemo } from '../gitlab/demo';
import { gorgiasDemo } from '../gorgias/demo';
import { helpScoutDemo } from '../help_scout/demo';
import { hubspotDemo } from '../hubspot/demo';
import { intercomDemo } from '../intercom/demo';
import { jiraDemo } from '../jira/demo';
import { jiraServiceManagementDemo } from '../jira_service_management/demo';
import { linearDemo } from '../linear/demo';
import { mondayDemo } from '../monday/demo';
import { serviceNowDemo } from '../servicenow/demo';
import { shortcutDemo } from '../shortcut/demo';
import { trelloDemo } from '../trello/demo';
import { zendeskDemo } from '../zendesk/demo';
import { zohoDeskDemo } from '../zoho_desk/demo';
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
  serviceNowDemo,
  freshserviceDemo,
  asanaDemo,
  clickupDemo,
  azureDevopsDemo,
  shortcutDemo,
  hubspotDemo,
  helpScoutDemo,
  zohoDeskDemo,
  gorgiasDemo,
  trelloDemo,
  mondayDemo,
];
export * from './demo-sandbox';
export * from './select-demo-providers';
