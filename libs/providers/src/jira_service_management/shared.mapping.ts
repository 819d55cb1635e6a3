import type { PaginationDefinition } from '../definition';
import { TIMESTAMP } from '../jira/shared.mapping';

/**
 * JSONata fragments shared by the Jira Service Management mappings. Records come in two shapes: the
 * Service Management API's DTOs (REST) and Jira's own issue and comment objects (webhooks, and the
 * platform's issue edit); every record expression reads both.
 */

export const SD = '"/rest/servicedeskapi"';
/** `/rest/servicedeskapi/servicedesk/{id}` of the connection. */
export const DESK = `"/rest/servicedeskapi/servicedesk/" & $encodeUrlComponent(settings.service_desk_id)`;

/** JSM pages: `start` + `limit`, `isLastPage` in the body (a page may be capped below the limit asked). */
export const JSM_PAGING: PaginationDefinition = {
  strategy: 'offset',
  startParam: 'start',
  sizeParam: 'limit',
  maxPageSize: 100,
  isLastPath: 'isLastPage',
};

/**
 * A DateDTO, a Jira timestamp (`…+0000`) or epoch millis → RFC 3339. A DateDTO's `jira` form keeps the
 * milliseconds its `iso8601` drops, so a record reads the same from REST and from a webhook.
 */
export const DATE = String.raw`${TIMESTAMP}
$date := function($d) {
  $type($d) = "object" ? $ts($d.jira ? $d.jira : $d.iso8601 ? $d.iso8601 : $d.epochMillis) : $ts($d)
};`;

/**
 * People: a UserDTO (REST, no account type) or a Jira user (webhooks, `accountType`). Portal-only
 * customers have `qm:` account ids (and `accountType: customer`): contacts; apps are the system; any
 * other account is a user (agent).
 */
export const PEOPLE = `$person := function($u) { $u.accountId ? { "id": $u.accountId, "name": $u.displayName } };
$isCustomer := function($u) { $u.accountType = "customer" or $substring($u.accountId, 0, 3) = "qm:" };
$actor := function($u) {
  $u.accountId ? {
    "id": $u.accountId,
    "name": $u.displayName,
    "type": $u.accountType = "app" ? "system" : $isCustomer($u) ? "contact" : "user"
  }
};`;

/**
 * A status by name and category (JSM `NEW` / `INDETERMINATE` / `DONE`, Jira `new` / `indeterminate` /
 * `done`), refined by name: waiting-for-customer and pending-like statuses are on hold, a done status
 * such as "Canceled" or "Declined" is cancelled. The id is the name: JSM's API exposes no status ids.
 */
export const STATUS = String.raw`$status := function($name, $category) {(
  $n := $lowercase($name);
  $c := $uppercase($category);
  $name ? {
    "id": $name,
    "name": $name,
    "category": $c = "DONE"
      ? ($contains($n, /cancel|declin|reject|won'?t|duplicate|obsolete/) ? "cancelled" : "done")
      : $contains($n, /waiting for (customer|approval|reporter|vendor|third)|pending|hold|blocked|paused|deferred|suspended/) ? "on_hold"
      : $c = "INDETERMINATE" ? "in_progress"
      : "open"
  }
)};`;
