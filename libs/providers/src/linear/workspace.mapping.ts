import type { ResourceDefinition } from '../definition';
import { graphqlRequest, relayList } from './graphql';

/** A read-only resource: `list` over a root connection and `get` by id, with the same fields. */
function readOnly(field: string, type: string, fields: string, record: string): ResourceDefinition {
  const plural = `${field}s`;
  return {
    record,
    methods: {
      list: relayList(
        plural,
        `query ${type}s($first: Int, $after: String) { ${plural}(first: $first, after: $after) {
          nodes { ${fields} } pageInfo { hasNextPage endCursor } } }`,
      ),
      get: {
        ...graphqlRequest(`query ${type}($id: String!) { ${field}(id: $id) { ${fields} } }`, `{ "id": id }`),
        response: `data.${field}`,
      },
    },
  };
}

/** Users keep one display name: first and last names stay null rather than guessed. */
export const linearUsers = readOnly(
  'user',
  'User',
  'id name displayName email active avatarUrl createdAt updatedAt',
  `{
    "id": id, "name": name, "first_name": null, "last_name": null, "username": displayName,
    "emails": email ? [{ "email": email, "type": "work" }] : [], "is_active": active, "avatar": avatarUrl,
    "created_at": createdAt, "updated_at": updatedAt
  }`,
);

export const linearTeams = readOnly(
  'team',
  'Team',
  'id name key description createdAt updatedAt',
  `{ "id": id, "name": name, "description": description, "created_at": createdAt, "updated_at": updatedAt }`,
);

/** Workflow states are per team in Linear; the unified list is every team's. */
export const linearTicketStatuses = readOnly(
  'workflowState',
  'WorkflowState',
  'id name type description team { id name }',
  `{ "id": id, "name": name, "description": description ? description : team.name & " · " & type }`,
);

/** Projects are collections of type `project`. */
export const linearCollections = readOnly(
  'project',
  'Project',
  'id name description url createdAt updatedAt',
  `{
    "id": id, "name": name, "description": description, "type": "project", "parent_collection_id": null,
    "urls": url ? [{ "url": url, "type": "web" }] : [], "created_at": createdAt, "updated_at": updatedAt,
    "entity_type": "ticket"
  }`,
);

/** Attachments are links Linear keeps on an issue (uploads live in its Markdown): size and type unknown. */
export const linearAttachments: ResourceDefinition = {
  record: `{
    "id": id, "file_name": title, "ticket_id": issue.id, "file_url": url,
    "content_type": subtitle and $contains(subtitle, "/") ? subtitle, "size": null,
    "uploaded_by": creator.id, "uploaded_by_type": creator ? "user",
    "created_at": createdAt, "updated_at": updatedAt
  }`,
  methods: {
    list: relayList(
      'attachments',
      `query Attachments($first: Int, $after: String) { attachments(first: $first, after: $after) {
        nodes { id title subtitle url createdAt updatedAt creator { id } issue { id } }
        pageInfo { hasNextPage endCursor } } }`,
    ),
    get: {
      ...graphqlRequest(
        `query Attachment($id: String!) { attachment(id: $id) { id title subtitle url createdAt updatedAt creator { id } issue { id } } }`,
        `{ "id": id }`,
      ),
      response: 'data.attachment',
    },
  },
};
