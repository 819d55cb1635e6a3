/**
 * The part of Linear's GraphQL schema the emulator serves, written after Linear's published SDL (type,
 * field, argument and input names as Linear spells them; far fewer of them). The contract test checks
 * every document the definition sends against Linear's full schema, so a name that drifted here would
 * still be caught there.
 */
export const LINEAR_SDL = /* GraphQL */ `
  scalar DateTime
  scalar TimelessDate

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  input DateComparator {
    eq: DateTime
    gt: DateTime
    gte: DateTime
    lt: DateTime
    lte: DateTime
    neq: DateTime
  }
  input IDComparator {
    eq: ID
    neq: ID
    in: [ID!]
  }
  input NullableIssueFilter {
    id: IDComparator
  }
  input IssueFilter {
    id: IDComparator
    createdAt: DateComparator
    updatedAt: DateComparator
  }
  input CommentFilter {
    id: IDComparator
    issue: NullableIssueFilter
    updatedAt: DateComparator
  }
  enum PaginationOrderBy {
    createdAt
    updatedAt
  }

  type User {
    id: ID!
    name: String!
    displayName: String!
    email: String!
    active: Boolean!
    admin: Boolean!
    avatarUrl: String
    url: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
  }
  type UserConnection {
    nodes: [User!]!
    pageInfo: PageInfo!
  }
  type Team {
    id: ID!
    name: String!
    key: String!
    description: String
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
  }
  type TeamConnection {
    nodes: [Team!]!
    pageInfo: PageInfo!
  }
  type WorkflowState {
    id: ID!
    name: String!
    type: String!
    color: String!
    position: Float!
    description: String
    team: Team!
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
  }
  type WorkflowStateConnection {
    nodes: [WorkflowState!]!
    pageInfo: PageInfo!
  }
  type IssueLabel {
    id: ID!
    name: String!
    color: String!
    description: String
    team: Team
    parent: IssueLabel
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
  }
  type IssueLabelConnection {
    nodes: [IssueLabel!]!
    pageInfo: PageInfo!
  }
  type Project {
    id: ID!
    name: String!
    description: String!
    url: String!
    state: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
    targetDate: TimelessDate
  }
  type ProjectConnection {
    nodes: [Project!]!
    pageInfo: PageInfo!
  }
  type Cycle {
    id: ID!
    number: Float!
    name: String
    startsAt: DateTime!
    endsAt: DateTime!
  }
  type Attachment {
    id: ID!
    title: String!
    subtitle: String
    url: String!
    creator: User
    issue: Issue!
    metadata: String
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
  }
  type AttachmentConnection {
    nodes: [Attachment!]!
    pageInfo: PageInfo!
  }
  type Comment {
    id: ID!
    body: String!
    url: String!
    user: User
    issue: Issue
    issueId: String
    parentId: String
    createdAt: DateTime!
    updatedAt: DateTime!
    editedAt: DateTime
    archivedAt: DateTime
  }
  type CommentConnection {
    nodes: [Comment!]!
    pageInfo: PageInfo!
  }
  type Issue {
    id: ID!
    identifier: String!
    number: Float!
    title: String!
    description: String
    priority: Float!
    priorityLabel: String!
    url: String!
    estimate: Float
    dueDate: TimelessDate
    createdAt: DateTime!
    updatedAt: DateTime!
    completedAt: DateTime
    canceledAt: DateTime
    archivedAt: DateTime
    state: WorkflowState!
    team: Team!
    assignee: User
    creator: User
    project: Project
    cycle: Cycle
    parent: Issue
    labels(first: Int, after: String): IssueLabelConnection!
    comments(first: Int, after: String, filter: CommentFilter): CommentConnection!
    attachments(first: Int, after: String): AttachmentConnection!
  }
  type IssueConnection {
    nodes: [Issue!]!
    pageInfo: PageInfo!
  }

  input IssueCreateInput {
    title: String
    description: String
    teamId: String!
    assigneeId: String
    stateId: String
    priority: Int
    labelIds: [String!]
    projectId: String
    cycleId: String
    parentId: String
    dueDate: TimelessDate
    estimate: Int
  }
  input IssueUpdateInput {
    title: String
    description: String
    teamId: String
    assigneeId: String
    stateId: String
    priority: Int
    labelIds: [String!]
    projectId: String
    cycleId: String
    parentId: String
    dueDate: TimelessDate
    estimate: Int
  }
  input CommentCreateInput {
    body: String
    issueId: String
    parentId: String
  }
  input CommentUpdateInput {
    body: String
  }
  input IssueLabelCreateInput {
    name: String!
    color: String
    description: String
    teamId: String
    parentId: String
  }
  input IssueLabelUpdateInput {
    name: String
    color: String
    description: String
    parentId: String
  }
  type IssuePayload {
    success: Boolean!
    lastSyncId: Float!
    issue: Issue
  }
  type IssueArchivePayload {
    success: Boolean!
    lastSyncId: Float!
    entity: Issue
  }
  type CommentPayload {
    success: Boolean!
    lastSyncId: Float!
    comment: Comment!
  }
  type IssueLabelPayload {
    success: Boolean!
    lastSyncId: Float!
    issueLabel: IssueLabel!
  }
  type DeletePayload {
    success: Boolean!
    lastSyncId: Float!
    entityId: String!
  }

  type Query {
    issue(id: String!): Issue!
    issues(
      first: Int
      after: String
      filter: IssueFilter
      orderBy: PaginationOrderBy
      includeArchived: Boolean
    ): IssueConnection!
    comment(id: String): Comment!
    comments(first: Int, after: String, filter: CommentFilter): CommentConnection!
    user(id: String!): User!
    users(first: Int, after: String, includeDisabled: Boolean): UserConnection!
    team(id: String!): Team!
    teams(first: Int, after: String): TeamConnection!
    project(id: String!): Project!
    projects(first: Int, after: String): ProjectConnection!
    issueLabel(id: String!): IssueLabel!
    issueLabels(first: Int, after: String): IssueLabelConnection!
    workflowState(id: String!): WorkflowState!
    workflowStates(first: Int, after: String): WorkflowStateConnection!
    attachment(id: String!): Attachment!
    attachments(first: Int, after: String): AttachmentConnection!
  }
  type Mutation {
    issueCreate(input: IssueCreateInput!): IssuePayload!
    issueUpdate(id: String!, input: IssueUpdateInput!): IssuePayload!
    issueDelete(id: String!, permanentlyDelete: Boolean): IssueArchivePayload!
    commentCreate(input: CommentCreateInput!): CommentPayload!
    commentUpdate(id: String!, input: CommentUpdateInput!): CommentPayload!
    commentDelete(id: String!): DeletePayload!
    issueLabelCreate(input: IssueLabelCreateInput!): IssueLabelPayload!
    issueLabelUpdate(id: String!, input: IssueLabelUpdateInput!): IssueLabelPayload!
    issueLabelDelete(id: String!): DeletePayload!
  }
`;
