import type { ResourceDefinition } from '../definition';
import { graphqlRequest, relayList } from './graphql';

const LABEL_FIELDS = 'id name color description createdAt updatedAt team { id name } parent { id name }';

/** Issue labels → tags, by id (Linear's issue inputs take label ids). Workspace labels have no team. */
export const linearTags: ResourceDefinition = {
  record: `{
    "id": id, "name": name, "color": color,
    "workspace": team ? { "id": team.id, "name": team.name },
    "parent": parent ? { "id": parent.id, "name": parent.name },
    "created_at": createdAt, "updated_at": updatedAt
  }`,
  methods: {
    list: relayList(
      'issueLabels',
      `query IssueLabels($first: Int, $after: String) { issueLabels(first: $first, after: $after) {
        nodes { ${LABEL_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
    ),
    get: {
      ...graphqlRequest(
        `query IssueLabel($id: String!) { issueLabel(id: $id) { ${LABEL_FIELDS} } }`,
        `{ "id": id }`,
      ),
      response: 'data.issueLabel',
    },
    create: {
      ...graphqlRequest(
        `mutation IssueLabelCreate($input: IssueLabelCreateInput!) { issueLabelCreate(input: $input) { success issueLabel { ${LABEL_FIELDS} } } }`,
        `{ "input": { "name": body.name, "color": body.color, "teamId": body.workspace.id, "parentId": body.parent.id } }`,
      ),
      response: 'data.issueLabelCreate.issueLabel',
    },
    update: {
      ...graphqlRequest(
        `mutation IssueLabelUpdate($id: String!, $input: IssueLabelUpdateInput!) { issueLabelUpdate(id: $id, input: $input) { success issueLabel { ${LABEL_FIELDS} } } }`,
        `{ "id": id, "input": { "name": body.name, "color": body.color, "parentId": body.parent.id } }`,
      ),
      response: 'data.issueLabelUpdate.issueLabel',
    },
    delete: graphqlRequest(
      `mutation IssueLabelDelete($id: String!) { issueLabelDelete(id: $id) { success } }`,
      `{ "id": id }`,
    ),
  },
};
