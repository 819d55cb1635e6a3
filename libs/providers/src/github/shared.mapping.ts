/**
 * JSONata fragments shared by the GitHub resource mappings. Paths are evaluated over
 * `{id, query, body, settings}`; the connection's `owner`/`repo` settings address the repository.
 */

/** `/repos/{owner}/{repo}` of the connection. */
export const REPO = `"/repos/" & $encodeUrlComponent(settings.owner) & "/" & $encodeUrlComponent(settings.repo)`;

/** `/orgs/{owner}`: organization-level resources (teams, issue types, issue fields) of the owner. */
export const ORG = `"/orgs/" & $encodeUrlComponent(settings.owner)`;

/** The unified id as one path segment (label names may hold spaces, `#`, `/`…). */
export const ID = `$encodeUrlComponent(id)`;

/**
 * GitHub's `since` is inclusive ("updated at or after") and second-precise, so `updated_at[gte]`
 * rounds up to the next whole second and `updated_at[gt]` starts at the second after; with both,
 * the later bound wins. Exact for GitHub's second-precision timestamps.
 */
export const SINCE = `(
  $gte := query.updated_at.gte ? $ceil($toMillis(query.updated_at.gte) / 1000) * 1000;
  $gt := query.updated_at.gt ? ($floor($toMillis(query.updated_at.gt) / 1000) + 1) * 1000;
  $bound := $max([$gte, $gt]);
  $bound ? $fromMillis($bound, "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z")
)`;

/**
 * Issue state → unified status. GitHub has two states; the close reason decides done or cancelled
 * (`not_planned`, `duplicate`), and a plain close counts as done. Some deliveries omit `state` (GitHub's
 * own `issues.pinned` example): then an issue without `closed_at` is open.
 */
export const ISSUE_STATUS = `($exists(state) ? state = "open" : $not(closed_at))
  ? { "id": "open", "name": "open", "category": "open" }
  : { "id": "closed", "name": state_reason ? "closed (" & state_reason & ")" : "closed",
      "category": state_reason in ["not_planned", "duplicate"] ? "cancelled" : "done" }`;

/** A simple-user object → unified reference: the durable numeric id, the login as name. */
export const USER_REFERENCE = `function($u) { $u ? { "id": $string($u.id), "name": $u.login } }`;

/**
 * `owner/repo` of a record from its API URL (`…/repos/{owner}/{repo}/…`); labels and milestones carry
 * no repository object, and webhooks have no request settings to fall back on.
 */
export const WORKSPACE_FROM_URL = `function($url, $after) {(
  $full := $substringBefore($substringAfter($url, "/repos/"), $after);
  $full ? { "id": $full, "name": $split($full, "/")[-1] }
)}`;
