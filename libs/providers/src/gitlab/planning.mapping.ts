import type { ResourceDefinition } from '../definition';
import { GITLAB_TIME, ID, PROJECT } from './shared.mapping';

/** Project label → unified tag: the NAME is the id, as issues carry label names and paths accept them. */
export const gitlabTagRecord = `
{
  "id": name,
  "name": name,
  "color": color,
  "workspace": $settings.project_id ? { "id": $string($settings.project_id) }
}`;

/** Project milestone → unified collection of type `milestone`, by the global id issues reference. */
export const gitlabCollectionRecord = `
{
  "id": $string(id),
  "name": title,
  "description": description,
  "type": "milestone",
  "parent_collection_id": null,
  "urls": web_url ? [{ "url": web_url, "type": "web" }] : [],
  "workspace": project_id ? { "id": $string(project_id) },
  "created_at": ${GITLAB_TIME}(created_at),
  "updated_at": ${GITLAB_TIME}(updated_at),
  "entity_type": "ticket"
}`;

export const gitlabTags: ResourceDefinition = {
  record: gitlabTagRecord,
  methods: {
    list: { method: 'GET', path: `${PROJECT} & "/labels"` },
    get: { method: 'GET', path: `${PROJECT} & "/labels/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${PROJECT} & "/labels"`,
      body: `{ "name": body.name, "color": body.color ? body.color : "#6699cc", "description": body.description }`,
    },
    update: {
      method: 'PUT',
      path: `${PROJECT} & "/labels/" & ${ID}`,
      body: `{ "new_name": body.name, "color": body.color, "description": body.description }`,
    },
    delete: { method: 'DELETE', path: `${PROJECT} & "/labels/" & ${ID}` },
  },
};

export const gitlabCollections: ResourceDefinition = {
  record: gitlabCollectionRecord,
  methods: {
    list: { method: 'GET', path: `${PROJECT} & "/milestones"` },
    get: { method: 'GET', path: `${PROJECT} & "/milestones/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${PROJECT} & "/milestones"`,
      body: `{ "title": body.name, "description": body.description }`,
    },
    update: {
      method: 'PUT',
      path: `${PROJECT} & "/milestones/" & ${ID}`,
      body: `{ "title": body.name, "description": body.description }`,
    },
    delete: { method: 'DELETE', path: `${PROJECT} & "/milestones/" & ${ID}` },
  },
};
