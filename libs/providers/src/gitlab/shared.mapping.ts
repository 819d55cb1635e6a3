/**
 * JSONata fragments shared by the GitLab mappings. A connection addresses one project (`project_id`: the
 * numeric id or the `group/project` path); REST objects and hook payloads differ, and each record
 * expression reads both.
 */

/** `/api/v4/projects/{id}` of the connection (a path is URL-encoded, as GitLab requires). */
export const PROJECT = `"/api/v4/projects/" & $encodeUrlComponent(settings.project_id)`;

export const ID = `$encodeUrlComponent(id)`;

/**
 * GitLab timestamps → ISO 8601. REST answers are ISO already; hook payloads of older instances (and the
 * documented examples) say `2015-05-17 17:06:40 UTC`.
 */
export const GITLAB_TIME = `function($t) {
  $t ? ($contains($t, " UTC") ? $replace($replace($t, " UTC", "Z"), " ", "T") : $t)
}`;

/** A user object (REST `assignees`) or a bare id → unified reference. */
export const USER_REFERENCE = `function($u, $id) {
  $u ? { "id": $string($u.id), "name": $u.username } : $id ? { "id": $string($id) }
}`;

/** The same as the actor of a record (author, creator): GitLab's actors are always users. */
export const ACTOR = `function($u, $id) {
  $u ? { "id": $string($u.id), "name": $u.username, "type": "user" } : $id ? { "id": $string($id), "type": "user" }
}`;
