/**
 * JSONata fragments of the ServiceNow mappings. Tickets and journal entries are read with
 * `sysparm_display_value=all`, so each field is `{"value", "display_value"}`; other tables with plain
 * values. `$v`/`$d` read either form; times are `YYYY-MM-DD HH:mm:ss` in UTC (the stored value).
 */
export const FIELD_HELPERS = `
  $v := function($f) { $type($f) = "object" ? $f.value : $f };
  $d := function($f) { $type($f) = "object" ? $f.display_value : $f };
  $t := function($f) { ($s := $v($f); $s ? $replace($s, " ", "T") & "Z") };
  $ref := function($f) { $v($f) ? { "id": $v($f), "name": $d($f) != $v($f) ? $d($f) } }`;

/** The task table tickets live in: `incident` unless the connection names another (`problem`, `sc_task`). */
export const TICKET_TABLE = `($settings.ticket_table ? $settings.ticket_table : "incident")`;

export const TABLE_API = `"/api/now/table/"`;

/** A sys_id: 32 hexadecimal characters. Anything else addressed by id is a name or a write's marker. */
export const IS_SYS_ID = `$contains(id, /^[0-9a-f]{32}$/)`;

/** Read queries of a task table: labels and reference names with the values, no reference links. */
export const DISPLAY_ALL = `"sysparm_display_value": "all", "sysparm_exclude_reference_link": "true"`;

/** `<query>` with the caller's `updated_at[gte]` as an encoded query condition. */
export const updatedSince = (base: string) =>
  `${base} & (query.updated_at.gte ? "^sys_updated_on>=" & $replace($replace(query.updated_at.gte, "T", " "), /(\\.\\d+)?Z$/, "") : "")`;
