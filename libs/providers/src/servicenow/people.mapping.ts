import type { MethodDefinition, ResourceDefinition } from '../definition';
import { FIELD_HELPERS, IS_SYS_ID, TABLE_API } from './shared.mapping';

/**
 * `sys_user` (users), `sys_user_group` (teams) and `core_company` (accounts), read with plain values and
 * no reference links. Booleans are the strings `"true"`/`"false"`.
 */
export const serviceNowUserRecord = `
(
  ${FIELD_HELPERS};
  {
    "id": sys_id,
    "name": name,
    "first_name": first_name,
    "last_name": last_name,
    "username": user_name,
    "emails": email ? [{ "email": email, "type": "primary" }] : [],
    "is_active": active = "true",
    "avatar": photo ? photo,
    "created_at": $t(sys_created_on),
    "updated_at": $t(sys_updated_on)
  }
)`;

export const serviceNowTeamRecord = `
(
  ${FIELD_HELPERS};
  {
    "id": sys_id,
    "name": name,
    "description": description,
    "created_at": $t(sys_created_on),
    "updated_at": $t(sys_updated_on)
  }
)`;

/** A company's web site is its one domain (ServiceNow keeps no list of domains). */
export const serviceNowAccountRecord = `
(
  ${FIELD_HELPERS};
  {
    "id": sys_id,
    "name": name,
    "domains": website ? [$replace($replace(website, /^https?:\\/\\//, ""), /\\/.*$/, "")] : [],
    "created_at": $t(sys_created_on),
    "updated_at": $t(sys_updated_on)
  }
)`;

const PLAIN = `"sysparm_exclude_reference_link": "true"`;
const table = (name: string) => `${TABLE_API} & "${name}"`;
const row = (name: string) => `${table(name)} & "/" & $encodeUrlComponent(id)`;

/** The Table API set of one table: `{"result": […]}` lists by `sys_id`, one `{"result": {…}}`. */
function tableMethods(name: string, body?: string): Partial<Record<string, MethodDefinition>> {
  const list: MethodDefinition = {
    method: 'GET',
    path: table(name),
    query: `{ "sysparm_query": "ORDERBYsys_created_on^ORDERBYsys_id", ${PLAIN} }`,
    response: 'result',
  };
  const get: MethodDefinition = { method: 'GET', path: row(name), query: `{ ${PLAIN} }`, response: 'result' };
  if (!body) return { list, get };
  return {
    list,
    get,
    create: { method: 'POST', path: table(name), query: `{ ${PLAIN} }`, body, response: 'result' },
    update: { method: 'PATCH', path: row(name), query: `{ ${PLAIN} }`, body, response: 'result' },
    delete: { method: 'DELETE', path: row(name) },
  };
}

export const serviceNowUsers: ResourceDefinition = {
  record: serviceNowUserRecord,
  methods: {
    ...tableMethods('sys_user'),
    // A journal names its author by user name: `users/{user_name}` finds that user.
    get: {
      method: 'GET',
      path: `${IS_SYS_ID} ? ${row('sys_user')} : ${table('sys_user')}`,
      query: `${IS_SYS_ID} ? { ${PLAIN} } : { "sysparm_query": "user_name=" & id, "sysparm_limit": "1", ${PLAIN} }`,
      response: `$type(result) = "array" ? result[0] : result`,
    },
  },
};

export const serviceNowTeams: ResourceDefinition = {
  record: serviceNowTeamRecord,
  methods: tableMethods(
    'sys_user_group',
    `$merge([
      $exists(body.name) ? { "name": body.name },
      $exists(body.description) ? { "description": body.description = null ? "" : body.description }
    ])`,
  ),
};

export const serviceNowAccounts: ResourceDefinition = {
  record: serviceNowAccountRecord,
  methods: tableMethods(
    'core_company',
    `$merge([
      $exists(body.name) ? { "name": body.name },
      $exists(body.domains) ? { "website": $count(body.domains) > 0 ? "https://" & body.domains[0] : "" }
    ])`,
  ),
};
