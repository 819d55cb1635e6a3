/**
 * JSONata fragments shared by the Jira resource mappings. Function definitions (`$name := function…;`)
 * are spliced at the top of a mapping's block, so each mapping is one self-contained expression.
 * Jira REST v3 carries rich text as Atlassian Document Format (ADF); webhooks still carry the v2
 * representation (plain strings), so every rich-text reader accepts both.
 */

/** Jira writes `2026-01-05T09:00:00.000+0000`; the unified model wants RFC 3339 (`+00:00`). */
export const TIMESTAMP = String.raw`$ts := function($t) {
  $type($t) = "number" ? $fromMillis($t) : $type($t) = "string" ? $replace($t, /([+-]\d\d)(\d\d)$/, "$1:$2")
};`;

/**
 * ADF → plain text: paragraphs and blocks separated by a blank line, hard breaks as newlines, list
 * items as `- ` / `1. ` lines (nested lists indented), mentions and emoji by their text, cards by URL.
 * Recursive over `content[]`. A string (v2 representation) passes through.
 */
export const ADF_TEXT = String.raw`$adfText := function($n) {(
  $t := $n.type;
  $parts := function($sep) {
    $join($filter([$map($n.content ? $n.content : [], $adfText)], function($s) { $s != "" }), $sep)
  };
  $indent := function($s) { $replace($s, "\n", "\n  ") };
  $type($n) = "string" ? $n
  : $t = "text" ? $n.text
  : $t = "hardBreak" ? "\n"
  : $t in ["mention", "emoji", "status"] ? ($n.attrs.text ? $n.attrs.text : $n.attrs.shortName ? $n.attrs.shortName : "")
  : $t in ["inlineCard", "blockCard", "embedCard"] ? ($n.attrs.url ? $n.attrs.url : "")
  : $t = "date" ? $fromMillis($number($n.attrs.timestamp), "[Y0001]-[M01]-[D01]")
  : $t = "rule" ? "---"
  : $t in ["media", "mediaGroup", "mediaSingle", "mediaInline", "extension", "inlineExtension"] ? ""
  : $t = "bulletList" ? $join([$map($n.content, function($i) { "- " & $indent($adfText($i)) })], "\n")
  : $t = "orderedList" ? (
      $start := $n.attrs.order ? $n.attrs.order : 1;
      $join([$map($n.content, function($i, $k) { ($start + $k) & ". " & $indent($adfText($i)) })], "\n")
    )
  : $t = "listItem" ? $parts("\n")
  : $t = "table" ? $parts("\n")
  : $t = "tableRow" ? $parts(" | ")
  : $t = "blockquote" ? "> " & $replace($parts("\n\n"), "\n", "\n> ")
  : $t in ["paragraph", "heading", "codeBlock"] ? $join([$map($n.content ? $n.content : [], $adfText)], "")
  : $parts("\n\n")
)};`;

/** ADF → HTML (escaped text, marks as inline elements). */
export const ADF_HTML = String.raw`$esc := function($s) {
  $replace($replace($replace($replace($string($s), "&", "&amp;"), "<", "&lt;"), ">", "&gt;"), '"', "&quot;")
};
$mark := function($html, $m) {(
  $t := $m.type;
  $t = "strong" ? "<strong>" & $html & "</strong>"
  : $t = "em" ? "<em>" & $html & "</em>"
  : $t = "code" ? "<code>" & $html & "</code>"
  : $t = "strike" ? "<s>" & $html & "</s>"
  : $t = "underline" ? "<u>" & $html & "</u>"
  : $t = "subsup" ? ($m.attrs.type = "sub" ? "<sub>" & $html & "</sub>" : "<sup>" & $html & "</sup>")
  : $t = "link" ? '<a href="' & $esc($m.attrs.href) & '">' & $html & "</a>"
  : $html
)};
$adfHtml := function($n) {(
  $t := $n.type;
  $inner := $join([$map($n.content ? $n.content : [], $adfHtml)], "");
  $wrap := function($tag) { "<" & $tag & ">" & $inner & "</" & $tag & ">" };
  $t = "text" ? $reduce($n.marks ? $n.marks : [], $mark, $esc($n.text))
  : $t = "hardBreak" ? "<br/>"
  : $t = "rule" ? "<hr/>"
  : $t = "paragraph" ? $wrap("p")
  : $t = "heading" ? $wrap("h" & ($n.attrs.level ? $n.attrs.level : 1))
  : $t = "bulletList" ? $wrap("ul")
  : $t = "orderedList" ? $wrap("ol")
  : $t = "listItem" ? $wrap("li")
  : $t = "blockquote" ? $wrap("blockquote")
  : $t = "codeBlock" ? "<pre><code>" & $inner & "</code></pre>"
  : $t = "table" ? $wrap("table")
  : $t = "tableRow" ? $wrap("tr")
  : $t = "tableHeader" ? $wrap("th")
  : $t = "tableCell" ? $wrap("td")
  : $t = "panel" ? '<div class="panel">' & $inner & "</div>"
  : $t = "mention" ? '<span class="mention">' & $esc($n.attrs.text) & "</span>"
  : $t in ["emoji", "status"] ? $esc($n.attrs.text ? $n.attrs.text : $n.attrs.shortName)
  : $t = "date" ? $fromMillis($number($n.attrs.timestamp), "[Y0001]-[M01]-[D01]")
  : $t in ["inlineCard", "blockCard", "embedCard"] ? '<a href="' & $esc($n.attrs.url) & '">' & $esc($n.attrs.url) & "</a>"
  : $t in ["media", "mediaGroup", "mediaSingle", "mediaInline", "extension", "inlineExtension"] ? ""
  : $inner
)};`;

/** Rich text of any representation → plain text (null stays null). */
export const RICH_TEXT = `$text := function($v) { $v = null ? null : $adfText($v) };`;

/**
 * Plain text → ADF for writes: blank lines separate paragraphs, single newlines become hard breaks
 * (the inverse of $adfText for such text). An HTML body is reduced to its text first.
 */
export const TO_ADF = String.raw`$toAdf := function($t) {(
  $paragraphs := $filter($split($replace($t, "\r\n", "\n"), "\n\n"), function($p) { $p != "" });
  $t = null ? null : {
    "type": "doc",
    "version": 1,
    "content": [$map($paragraphs, function($p) {{
      "type": "paragraph",
      "content": [$reduce($split($p, "\n"), function($acc, $line, $i) {
        $append($acc, $append($i > 0 ? [{ "type": "hardBreak" }] : [], $line != "" ? [{ "type": "text", "text": $line }] : []))
      }, [])]
    }})]
  }
)};
$htmlToText := function($h) {
  $replace($replace($replace($replace($replace($replace($h, /<br\s*\/?>/i, "\n"), /<\/p>\s*/i, "\n\n"), /<[^>]+>/, ""), "&lt;", "<"), "&gt;", ">"), "&amp;", "&")
};`;

/** Jira accounts → references; `accountType` app = automation (system), customer = JSM customer (contact). */
export const ACCOUNTS = `$user := function($u) { $u.accountId ? { "id": $u.accountId, "name": $u.displayName } };
$actorType := function($u) { $u.accountType = "app" ? "system" : $u.accountType = "customer" ? "contact" : "user" };
$actor := function($u) { $u.accountId ? { "id": $u.accountId, "name": $u.displayName, "type": $actorType($u) } };`;

/**
 * Status → unified category from Jira's status category (new / indeterminate / done), refined by
 * name: "on hold"-like statuses are on_hold, and a done status (or resolution) such as "Won't Do",
 * "Duplicate" or "Cancelled" is cancelled.
 */
export const STATUS = String.raw`$status := function($s, $resolution) {(
  $name := $lowercase($s.name);
  $key := $s.statusCategory.key;
  $cancelled := function($n) { $contains($n, /won'?t (do|fix)|cancel|declin|reject|duplicate|obsolete|abandon|cannot reproduce/) };
  $onHold := $contains($name, /hold|blocked|pending|paused|deferred|suspended|waiting for (customer|approval|reporter|vendor|third)/);
  $s.id ? {
    "id": $string($s.id),
    "name": $s.name,
    "category": $key = "done"
      ? ($cancelled($name) or ($resolution.name and $cancelled($lowercase($resolution.name))) ? "cancelled" : "done")
      : $onHold ? "on_hold"
      : $key = "indeterminate" ? "in_progress"
      : "open"
  }
)};`;

/** Priority → unified category by Jira's default names (Highest…Lowest) and common custom ones. */
export const PRIORITY = String.raw`$priority := function($p) {(
  $n := $lowercase($p.name);
  $p.id ? {
    "id": $string($p.id),
    "name": $p.name,
    "category": $contains($n, /highest|blocker|critical|urgent|emergency/) ? "urgent"
      : $contains($n, /high|major/) ? "high"
      : $contains($n, /medium|normal|moderate/) ? "medium"
      : $contains($n, /low|minor|trivial/) ? "low"
      : null
  }
)};`;

/** A Jira reference by id or key: digits are ids (`{"id": "10000"}`), anything else a key (`{"key": "SUP"}`). */
export const ID_OR_KEY = String.raw`$idOrKey := function($v) { $v ? ($contains($string($v), /^\d+$/) ? { "id": $string($v) } : { "key": $string($v) }) };`;

/** A value quoted for JQL. */
export const JQL_QUOTE = String.raw`$jql := function($v) { '"' & $replace($replace($string($v), "\\", "\\\\"), '"', '\\"') & '"' };`;

/**
 * created_at / updated_at bounds as JQL clauses. JQL reads absolute dates in the API user's time zone
 * at minute precision, so the bounds are written as relative minutes from now (`updated >= "-90m"`),
 * which no time zone changes, widened by a minute each way: the page may include records up to two
 * minutes outside the bound, never miss one inside it.
 */
export const JQL_DATES = String.raw`$minutesAgo := function($iso, $lower) {(
  $diff := ($millis() - $toMillis($iso)) / 60000;
  $m := $lower ? $ceil($diff) + 1 : $floor($diff) - 1;
  $m >= 0 ? "-" & $m & "m" : $string(-$m) & "m"
)};
$dateClauses := function($field, $f) {[
  $f.gt ? $field & ' >= "' & $minutesAgo($f.gt, true) & '"',
  $f.gte ? $field & ' >= "' & $minutesAgo($f.gte, true) & '"',
  $f.lt ? $field & ' < "' & $minutesAgo($f.lt, false) & '"',
  $f.lte ? $field & ' < "' & $minutesAgo($f.lte, false) & '"'
]};`;

/** Browser URL of an issue, from its API `self` link. */
export const BROWSE_URL = `$browse := function($issue) { $issue.self and $issue.key ? $substringBefore($issue.self, "/rest/api/") & "/browse/" & $issue.key };`;

export const ALL_FILTERS = ['gt', 'gte', 'lt', 'lte'] as const;
