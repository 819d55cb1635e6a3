/**
 * JSONata fragments shared by the ClickUp mappings. ClickUp times are Unix milliseconds as strings
 * (`"1567780450202"`; a comment's create answer has a number), ids are strings (users' are numbers).
 */
export const ID = `$encodeUrlComponent(id)`;
export const TEAM = '$encodeUrlComponent($settings.team_id)';
export const SPACE = '$encodeUrlComponent($settings.space_id)';
export const LIST = '$encodeUrlComponent($settings.list_id)';

/** Milliseconds (string or number) → ISO-8601; nothing for null or empty. */
export const ISO = `function($ms) { $ms != null and $string($ms) != "" ? $fromMillis($number($ms)) }`;

/** A status's `type` → the unified category (custom statuses sit between open and done). */
export const STATUS_CATEGORIES = `{ "open": "open", "custom": "in_progress", "done": "done", "closed": "done" }`;

/** ClickUp's four fixed priorities (1 urgent … 4 low) → unified categories. */
export const PRIORITY_CATEGORIES = `{ "urgent": "urgent", "high": "high", "normal": "medium", "low": "low" }`;
export const PRIORITY_IDS = `{ "urgent": 1, "high": 2, "normal": 3, "medium": 3, "low": 4 }`;

/** A user id as ClickUp's bodies take it: a number when the unified id is digits. */
export const NUMERIC = `function($v) {
  $type($v) = "string" and $contains($v, /^[0-9]+$/) ? $number($v) : $v
}`;

/** `{ "id": …, "name": … }` of a ClickUp user object. */
export const userRef = (user: string) => `{ "id": $string(${user}.id), "name": ${user}.username }`;
