/**
 * JSONata fragments shared by the Front mappings. Front's ids are prefixed strings (`cnv_`, `tea_`,
 * `crd_`…) used as they are; its timestamps are Unix seconds with milliseconds; related objects are
 * often only `_links` URLs, whose last path segment is the id.
 */

/** Unix seconds (with decimals) → ISO 8601; null where Front has no value. */
export const FRONT_TIME = `function($t) { $type($t) = "number" ? $fromMillis($round($t * 1000)) : null }`;

/** The id in a Front `_links` URL: `…/contacts/crd_3cgz4ge` with kind `contacts` → `crd_3cgz4ge`. */
export const LINKED_ID = `function($url, $kind) {
  $type($url) = "string" and $contains($url, "/" & $kind & "/")
    ? $substringBefore($substringBefore($substringAfter($url, "/" & $kind & "/"), "/"), "?")
}`;

/** A teammate object (assignee, author) → unified reference. */
export const TEAMMATE_REFERENCE = `function($t) {
  $t.id ? { "id": $t.id, "name": $trim($join([$t.first_name, $t.last_name], " ")) }
}`;

/**
 * A teammate object as the actor of a record. Front's authors are teammates (`user`) or what acts on a
 * company's behalf (`api`, `rule`, `ai`, `macro`…): the latter are the system.
 */
export const TEAMMATE_ACTOR = `function($t) {
  $t.id ? {
    "id": $t.id,
    "name": $trim($join([$t.first_name, $t.last_name], " ")),
    "type": $exists($t.type) and $t.type != "user" ? "system" : "user"
  }
}`;

/** Answers of PATCH that are 204 No Content carry nothing: the engine then reads the record back. */
export const NO_CONTENT = `$exists($) ? $ : {}`;

/** The id of the record a 204 answer was about: the mapped object has none, the request has it. */
export const ID = `id ? id : $request.id`;

export const encode = (expression: string) => `$encodeUrlComponent(${expression})`;
