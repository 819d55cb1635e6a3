export { JiraEmulator, jiraRateLimitHeaders, JIRA_RATE_LIMIT_BODY } from './jira-emulator';
export type { JiraEmulatorOptions, JiraRateLimit } from './jira-emulator';
export {
  GROUP_IDS as JIRA_GROUP_IDS,
  JIRA_ADMIN_ACCOUNT_ID,
  JIRA_AUTOMATION_ACCOUNT_ID,
  JIRA_SEED_CREDENTIALS,
} from './jira-seed-directory';
export {
  BUSY_ISSUE_COMMENT_COUNT as JIRA_BUSY_ISSUE_COMMENT_COUNT,
  BUSY_ISSUE_KEY as JIRA_BUSY_ISSUE_KEY,
  SEED_EPIC_COUNT as JIRA_SEED_EPIC_COUNT,
  SEED_SUBTASK_COUNT as JIRA_SEED_SUBTASK_COUNT,
  SEED_TICKET_COUNT as JIRA_SEED_TICKET_COUNT,
} from './jira-seed-issues';
export { textToAdf as jiraTextToAdf } from './jira-adf';
export { generatedContent as jiraGeneratedContent } from './jira-attachment-routes';
