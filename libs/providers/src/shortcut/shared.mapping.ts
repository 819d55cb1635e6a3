/**
 * JSONata fragments shared by the Shortcut mappings. Shortcut's story, comment, label, epic and workflow
 * state ids are integers (sent back as numbers); member, group and custom-field ids are UUIDs (strings).
 */
export const ID = `$encodeUrlComponent(id)`;

export const NUMERIC = `function($v) {
  $type($v) = "string" and $contains($v, /^[0-9]+$/) ? $number($v) : $v
}`;

export const API = '"/api/v3"';
