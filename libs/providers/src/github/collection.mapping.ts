import type { ResourceDefinition } from '../definition';
import { ID, REPO, WORKSPACE_FROM_URL } from './shared.mapping';

/**
 * GitHub milestone → unified collection of type `milestone`. The id is the milestone NUMBER, which
 * GitHub's paths and issue bodies use (and tickets' `collections` reference). Open/closed and the due
 * date have no collection field: they stay in remote_data.
 */
export const githubCollectionRecord = `
(
  $workspace := ${WORKSPACE_FROM_URL};
  {
    "id": $string(number),
    "name": title,
    "description": description,
    "type": "milestone",
    "parent_collection_id": null,
    "urls": [
      html_url ? { "url": html_url, "type": "web" },
      url ? { "url": url, "type": "api" }
    ],
    "workspace": $workspace(url, "/milestones/"),
    "created_at": created_at,
    "updated_at": updated_at,
    "entity_type": "ticket"
  }
)`;

export const githubCollections: ResourceDefinition = {
  record: githubCollectionRecord,
  methods: {
    // Closed milestones too (GitHub lists open ones by default).
    list: { method: 'GET', path: `${REPO} & "/milestones"`, query: `{ "state": "all" }` },
    get: { method: 'GET', path: `${REPO} & "/milestones/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${REPO} & "/milestones"`,
      body: `{ "title": body.name, "description": body.description }`,
      readBack: true,
    },
    update: {
      method: 'PATCH',
      path: `${REPO} & "/milestones/" & ${ID}`,
      body: `{ "title": body.name, "description": body.description }`,
      readBack: true,
    },
    delete: { method: 'DELETE', path: `${REPO} & "/milestones/" & ${ID}` },
  },
};
