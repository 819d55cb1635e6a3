/**
 * JSONata fragments shared by the Freshdesk mappings. Freshdesk ids are integers in bodies and paths;
 * unified ids are strings, sent back as numbers when they are digits (anything else goes as written,
 * so Freshdesk's own 400 names the bad value instead of the mapping failing).
 */
export const ID = `$encodeUrlComponent(id)`;

export const NUMERIC = `function($v) {
  $type($v) = "string" and $contains($v, /^[0-9]+$/) ? $number($v) : $v
}`;

/** Freshdesk's fixed statuses; custom statuses (6 and up) carry only their number on a ticket. */
export const STATUS_NAMES = `{ "2": "Open", "3": "Pending", "4": "Resolved", "5": "Closed" }`;
export const STATUS_CATEGORIES = `{ "2": "open", "3": "on_hold", "4": "done", "5": "done" }`;
export const STATUS_IDS = `{ "open": 2, "pending": 3, "resolved": 4, "closed": 5 }`;

export const PRIORITY_NAMES = `{ "1": "Low", "2": "Medium", "3": "High", "4": "Urgent" }`;
export const PRIORITY_CATEGORIES = `{ "1": "low", "2": "medium", "3": "high", "4": "urgent" }`;
export const PRIORITY_IDS = `{ "low": 1, "medium": 2, "high": 3, "urgent": 4 }`;

export const SOURCE_NAMES = `{
  "1": "Email", "2": "Portal", "3": "Phone", "5": "Twitter", "6": "Facebook", "7": "Chat",
  "9": "Feedback Widget", "10": "Outbound Email"
}`;
