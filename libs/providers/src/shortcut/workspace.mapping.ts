import type { ResourceDefinition } from '../definition';
import { API, ID } from './shared.mapping';

/**
 * Shortcut's workspace objects: members (users), groups (teams), labels (tags), epics (collections),
 * workflow states (ticket statuses) and custom fields (fields). Shortcut pages none of these lists.
 */

/** Member → user: the person is in `profile`; a disabled member or a deactivated profile is inactive. */
export const shortcutUsers: ResourceDefinition = {
  record: `{
    "id": id,
    "name": profile.name,
    "username": profile.mention_name,
    "emails": profile.email_address ? [{ "email": profile.email_address }] : [],
    "is_active": disabled != true and profile.deactivated != true,
    "team_ids": group_ids,
    "avatar": profile.display_icon.url,
    "roles": role ? [{ "id": role, "name": role }],
    "created_at": created_at,
    "updated_at": updated_at
  }`,
  methods: {
    list: { method: 'GET', path: `${API} & "/members"` },
    get: { method: 'GET', path: `${API} & "/members/" & ${ID}` },
  },
};

/**
 * Group → team. Shortcut archives groups instead of deleting them; a new group needs a mention name,
 * made from its name (`Tier 2 Support` → `tier-2-support`).
 */
export const shortcutTeams: ResourceDefinition = {
  record: `{
    "id": id,
    "name": name,
    "description": description,
    "created_at": created_at,
    "updated_at": updated_at
  }`,
  methods: {
    list: { method: 'GET', path: `${API} & "/groups"` },
    get: { method: 'GET', path: `${API} & "/groups/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${API} & "/groups"`,
      body: `$merge([
        { "name": body.name, "mention_name": $lowercase($replace($trim(body.name), /[^A-Za-z0-9]+/, "-")) },
        $exists(body.description) ? { "description": body.description ? body.description : "" }
      ])`,
    },
    update: {
      method: 'PUT',
      path: `${API} & "/groups/" & ${ID}`,
      body: `$merge([
        $exists(body.name) ? { "name": body.name },
        $exists(body.description) ? { "description": body.description ? body.description : "" }
      ])`,
    },
  },
};

/** Label → tag; an archived label reads as status `archived`. */
export const shortcutTags: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": name,
    "color": color,
    "status": $exists(archived) ? (archived = true ? "archived" : "active"),
    "created_at": created_at,
    "updated_at": updated_at
  }`,
  methods: {
    list: { method: 'GET', path: `${API} & "/labels"`, query: '{ "slim": "true" }' },
    get: { method: 'GET', path: `${API} & "/labels/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${API} & "/labels"`,
      body: `$merge([{ "name": body.name }, body.color ? { "color": body.color }])`,
    },
    update: {
      method: 'PUT',
      path: `${API} & "/labels/" & ${ID}`,
      body: `$merge([
        $exists(body.name) ? { "name": body.name },
        body.color ? { "color": body.color },
        body.status ? { "archived": body.status = "archived" }
      ])`,
    },
    delete: { method: 'DELETE', path: `${API} & "/labels/" & ${ID}` },
  },
};

/** Epic → collection of type `epic`. Iterations appear on tickets as sprint collections (not listed). */
export const shortcutCollections: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": name,
    "description": description,
    "type": "epic",
    "entity_type": entity_type,
    "urls": app_url ? [{ "url": app_url, "type": "app" }],
    "created_at": created_at,
    "updated_at": updated_at
  }`,
  methods: {
    list: { method: 'GET', path: `${API} & "/epics"`, query: '{ "includes_description": "true" }' },
    get: { method: 'GET', path: `${API} & "/epics/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${API} & "/epics"`,
      body: `$merge([{ "name": body.name }, $exists(body.description) ? { "description": body.description ? body.description : "" }])`,
    },
    update: {
      method: 'PUT',
      path: `${API} & "/epics/" & ${ID}`,
      body: `$merge([
        $exists(body.name) ? { "name": body.name },
        $exists(body.description) ? { "description": body.description ? body.description : "" }
      ])`,
    },
    delete: { method: 'DELETE', path: `${API} & "/epics/" & ${ID}` },
  },
};

/**
 * Workflow states → ticket statuses, every workflow's states in one list (a state id is unique in the
 * workspace). Shortcut reads no single state, so there is no `get`.
 */
export const shortcutTicketStatuses: ResourceDefinition = {
  record: `{ "id": $string(id), "name": name, "description": description }`,
  methods: {
    list: { method: 'GET', path: `${API} & "/workflows"`, response: '[$.states]' },
  },
};

/** Custom field → field (Priority, Severity, Skill Set and the workspace's own), its enum values as options. */
export const shortcutFields: ResourceDefinition = {
  record: `{
    "id": id,
    "name": canonical_name ? canonical_name : name,
    "label": name,
    "description": description,
    "type": field_type,
    "is_hidden": enabled = false,
    "is_user_defined": canonical_name ? false : true,
    "options": $exists(values) ? [values[enabled != false].{ "value": id, "label": value }],
    "entity_type": "tickets",
    "created_at": created_at,
    "updated_at": updated_at
  }`,
  methods: {
    list: { method: 'GET', path: `${API} & "/custom-fields"` },
    get: { method: 'GET', path: `${API} & "/custom-fields/" & ${ID}` },
  },
};
