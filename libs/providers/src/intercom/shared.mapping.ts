/**
 * JSONata fragments shared by the Intercom mappings. Intercom times are Unix seconds (REST and
 * notifications alike); ids are strings in the 2.x API but some webhook items of older app versions
 * carry numbers, so every id goes through `$string`.
 */

/** Unix seconds → ISO 8601; 0 and null (Intercom's "never") → null. */
export const TIME = `function($t) { $type($t) = "number" and $t > 0 ? $fromMillis($t * 1000) : null }`;

/**
 * A part's author → unified actor. Intercom's `admin` is a user of the workspace; `user` and `lead`
 * are contacts; `bot` (Fin, workflows) and `team` did not act as a person: system.
 */
export const ACTOR = `function($a) {
  $a ? {
    "id": $string($a.id),
    "name": $a.name,
    "type": $a.type = "admin" ? "user" : $a.type in ["user", "lead", "contact"] ? "contact" : "system"
  }
}`;

/** Intercom's HTML (part bodies, notes) → text: paragraphs and line breaks kept as new lines. */
export const HTML_TO_TEXT = `function($h) {
  $type($h) = "string" ? (
    $t := $replace($replace($h, /<br\\s*\\/?>|<\\/p>|<\\/li>|<\\/h[1-6]>/i, "\\n"), /<[^>]*>/, "");
    $t := $replace($replace($replace($replace($replace($t, "&nbsp;", " "), "&lt;", "<"), "&gt;", ">"), "&quot;", '"'), "&#39;", "'");
    $replace($replace($t, "&amp;", "&"), /^\\s+|\\s+$/, "")
  ) : $h
}`;

/** `"/tickets/" & id` with the id URL-encoded. */
export const path = (collection: string, id = 'id') => `"/${collection}/" & $encodeUrlComponent(${id})`;
