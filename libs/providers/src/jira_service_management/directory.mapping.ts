import type { ResourceDefinition } from '../definition';
import { DATE, DESK, SD } from './shared.mapping';

/**
 * Service desks (workspaces), request types (ticket types), queues (collections), customers
 * (contacts) and organizations (accounts). Lists are the connection's service desk's; customers and
 * organizations created here are added to it (a second call, JSM keeps them site-wide).
 */

export const jsmWorkspaceRecord = `{
  "id": $string(id),
  "name": projectName,
  "status": "active",
  "description": null
}`;

export const jsmTicketTypeRecord = `{
  "id": $string(id),
  "name": name,
  "description": description ? description : helpText,
  "project": serviceDeskId ? $string(serviceDeskId)
}`;

/** A queue is a saved filter of the desk's requests: a list. Its JQL stays in remote_data. */
export const jsmCollectionRecord = `{
  "id": $string(id),
  "name": name,
  "description": null,
  "type": "list",
  "parent_collection_id": null,
  "urls": [],
  "workspace": $settings.service_desk_id ? { "id": $string($settings.service_desk_id) },
  "entity_type": "ticket"
}`;

/** UserDTO (desk lists, customer creation) or the platform's user (get): the same keys. */
export const jsmContactRecord = `{
  "id": accountId,
  "name": displayName,
  "first_name": null,
  "last_name": null,
  "emails": emailAddress ? [{ "email": emailAddress, "type": "primary" }] : [],
  "phones": [],
  "account_id": null,
  "is_active": active
}`;

export const jsmAccountRecord = `(
  ${DATE}
  { "id": $string(id), "name": name, "domains": null, "created_at": $date(created) }
)`;

const page = { response: 'values' } as const;

export const jsmWorkspaces: ResourceDefinition = {
  record: jsmWorkspaceRecord,
  methods: {
    list: { method: 'GET', path: `${SD} & "/servicedesk"`, ...page },
    get: { method: 'GET', path: `${SD} & "/servicedesk/" & $encodeUrlComponent(id)` },
  },
};

export const jsmTicketTypes: ResourceDefinition = {
  record: jsmTicketTypeRecord,
  methods: {
    list: { method: 'GET', path: `${DESK} & "/requesttype"`, ...page },
    get: { method: 'GET', path: `${DESK} & "/requesttype/" & $encodeUrlComponent(id)` },
  },
};

export const jsmCollections: ResourceDefinition = {
  record: jsmCollectionRecord,
  methods: {
    list: { method: 'GET', path: `${DESK} & "/queue"`, ...page },
    get: { method: 'GET', path: `${DESK} & "/queue/" & $encodeUrlComponent(id)` },
  },
};

export const jsmContacts: ResourceDefinition = {
  record: jsmContactRecord,
  methods: {
    // Experimental in JSM: the definition's `X-ExperimentalApi: opt-in` header opts in.
    list: { method: 'GET', path: `${DESK} & "/customer"`, ...page },
    // JSM reads no single customer: the platform's user call on the same site does.
    get: { method: 'GET', path: '"/rest/api/3/user"', query: '{ "accountId": id }' },
    create: {
      method: 'POST',
      path: `${SD} & "/customer"`,
      body: '{ "displayName": body.name, "email": body.emails[0].email }',
      after: [{ method: 'POST', path: `${DESK} & "/customer"`, body: '{ "accountIds": [record.id] }' }],
    },
  },
};

const ORGANIZATION = `${SD} & "/organization/" & $encodeUrlComponent(id)`;

export const jsmAccounts: ResourceDefinition = {
  record: jsmAccountRecord,
  methods: {
    list: { method: 'GET', path: `${DESK} & "/organization"`, ...page },
    get: { method: 'GET', path: ORGANIZATION },
    create: {
      method: 'POST',
      path: `${SD} & "/organization"`,
      body: '{ "name": body.name }',
      after: [
        {
          method: 'POST',
          path: `${DESK} & "/organization"`,
          body: '{ "organizationId": $number(record.id) }',
        },
      ],
    },
    // Deletes the organization site-wide (JSM has no soft delete); its customers stay.
    delete: { method: 'DELETE', path: ORGANIZATION },
  },
};
