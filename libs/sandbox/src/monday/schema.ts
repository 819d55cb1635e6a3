/**
 * The part of monday.com's GraphQL schema (API version 2026-10, ../shared/specs/monday/schema.graphql)
 * the emulator serves: boards with their groups, columns and `items_page`, items with typed column
 * values, updates, users, teams, tags and workspaces, and the mutations the definition sends. Names,
 * argument types and defaults are monday's; the contract spec validates every document against both.
 */
export const MONDAY_SDL = /* GraphQL */ `
  scalar JSON
  scalar Date
  scalar ISO8601DateTime

  enum State {
    active
    all
    archived
    deleted
  }
  enum BoardKind {
    private
    public
    share
  }
  enum WorkspaceKind {
    closed
    open
    template
  }
  enum UserStatus {
    ACTIVE
    INACTIVE
    PENDING
  }
  enum Kind {
    agent
    person
    team
  }
  enum ColumnType {
    date
    long_text
    name
    numbers
    people
    status
    tags
    text
  }

  type Query {
    boards(ids: [ID!], limit: Int = 25, page: Int = 1, state: State = active, workspace_ids: [ID]): [Board]
    items(ids: [ID!], limit: Int = 25, page: Int = 1): [Item]
    next_items_page(cursor: String!, limit: Int! = 25): ItemsResponse!
    updates(limit: Int = 25, page: Int = 1, ids: [ID!]): [Update!]
    users(ids: [ID!], limit: Int = 200, page: Int = 1): [User!]
    teams(ids: [ID!]): [Team]
    tags(ids: [ID!]): [Tag]
    workspaces(ids: [ID!], limit: Int = 25, page: Int = 1, state: State = active): [Workspace]
    me: User
  }

  type Mutation {
    create_item(
      board_id: ID!
      column_values: JSON
      create_labels_if_missing: Boolean
      group_id: String
      item_name: String!
    ): Item
    change_multiple_column_values(
      board_id: ID!
      column_values: JSON!
      create_labels_if_missing: Boolean
      item_id: ID
    ): Item
    move_item_to_group(group_id: String!, item_id: ID): Item
    delete_item(item_id: ID): Item
    create_update(body: String!, item_id: ID, parent_id: ID): Update
    edit_update(id: ID!, body: String!): Update!
    delete_update(id: ID!): Update
    create_or_get_tag(board_id: ID, tag_name: String): Tag
  }

  type Board {
    id: ID!
    name: String!
    description: String
    state: State!
    board_kind: BoardKind!
    url: String!
    created_at: ISO8601DateTime
    updated_at: ISO8601DateTime
    workspace_id: ID
    workspace: Workspace
    groups(ids: [String]): [Group]
    columns(ids: [String], types: [ColumnType!]): [Column]
    items_count: Int
    items_page(cursor: String, limit: Int! = 25): ItemsResponse!
  }

  type ItemsResponse {
    cursor: String
    items: [Item!]!
  }

  type Group {
    id: ID!
    title: String!
    color: String!
    position: String!
    archived: Boolean
    deleted: Boolean
  }

  type Column {
    id: ID!
    title: String!
    description: String
    type: ColumnType!
    archived: Boolean!
    settings_str: String!
  }

  type Item {
    id: ID!
    name: String!
    state: State
    created_at: Date
    updated_at: Date
    url: String!
    creator_id: String!
    creator: User
    board: Board
    group: Group
    column_values(ids: [String!], types: [ColumnType!]): [ColumnValue!]!
    updates(limit: Int = 25, page: Int = 1, ids: [ID!]): [Update!]
  }

  interface ColumnValue {
    id: ID!
    type: ColumnType!
    text: String
    value: JSON
  }
  type StatusValue implements ColumnValue {
    id: ID!
    type: ColumnType!
    text: String
    value: JSON
    index: Int
    label: String
    is_done: Boolean
  }
  type PeopleValue implements ColumnValue {
    id: ID!
    type: ColumnType!
    text: String
    value: JSON
    persons_and_teams: [PeopleEntity!]
  }
  type PeopleEntity {
    id: ID!
    kind: Kind
  }
  type TagsValue implements ColumnValue {
    id: ID!
    type: ColumnType!
    text: String
    value: JSON
    tag_ids: [Int!]!
  }
  type DateValue implements ColumnValue {
    id: ID!
    type: ColumnType!
    text: String
    value: JSON
    date: String
    time: String
  }
  type TextValue implements ColumnValue {
    id: ID!
    type: ColumnType!
    text: String
    value: JSON
  }

  type Update {
    id: ID!
    body: String!
    text_body: String
    creator_id: String
    creator: User
    item_id: String
    created_at: Date
    updated_at: Date
    edited_at: Date!
  }

  type User {
    id: ID!
    name: String!
    email: String!
    title: String!
    kind: String!
    status: UserStatus!
    is_deleted: Boolean!
    created_at: ISO8601DateTime!
    teams: [Team]
  }

  type Team {
    id: ID!
    name: String!
    picture_url: String
    created_at: String
    users: [User]
  }

  type Tag {
    id: ID!
    name: String!
    color: String!
  }

  type Workspace {
    id: ID
    name: String!
    description: String
    kind: WorkspaceKind
    state: State
    created_at: Date
  }
`;
