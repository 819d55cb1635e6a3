/**
 * JSONata fragments shared by the Gorgias mappings. Gorgias ids are integers; unified ids are strings,
 * sent back as numbers when they are digits (anything else as written, so Gorgias's own 400 names it).
 */
export const ID = `$encodeUrlComponent(id)`;

export const NUMERIC = `function($v) {
  $type($v) = "string" and $contains($v, /^[0-9]+$/) ? $number($v) : $v
}`;

/** Gorgias datetimes may come without an offset; they are UTC. */
export const UTC = `function($v) {
  $type($v) = "string" ? ($contains($v, /(Z|[+-][0-9]{2}:[0-9]{2})$/) ? $v : $v & "Z") : $v
}`;

/** Gorgias's fixed priorities → unified categories. */
export const PRIORITY_CATEGORIES = `{ "low": "low", "normal": "medium", "high": "high", "critical": "urgent" }`;
export const PRIORITY_NAMES = `{ "low": "Low", "normal": "Normal", "high": "High", "critical": "Critical" }`;
