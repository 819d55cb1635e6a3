/**
 * JSONata fragments of the Freshservice mappings. Ids are integers as in Freshdesk, its sibling, whose
 * helpers are shared; the v2 API wraps every record (`{"ticket": {…}}`).
 */
export { ID, NUMERIC } from '../freshdesk/shared.mapping';

/** Freshservice's ticket sources (Freshdesk's differ from 4 on). */
export const SOURCE_NAMES = `{
  "1": "Email", "2": "Portal", "3": "Phone", "4": "Chat", "5": "Feedback widget", "6": "Yammer",
  "7": "AWS Cloudwatch", "8": "Pagerduty", "9": "Walkup", "10": "Slack"
}`;
