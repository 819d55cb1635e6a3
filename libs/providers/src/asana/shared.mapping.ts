/**
 * JSONata fragments shared by the Asana mappings. Asana wraps every answer in `{ "data": … }` and every
 * write body too; ids are string `gid`s. Without `opt_fields` Asana answers compact records (gid, name,
 * resource_type), so each call names the fields its mapping reads.
 */
export const GID = `$encodeUrlComponent(id)`;

/** The fields of a task the ticket mapping reads (dotted paths reach into compact sub-records). */
export const TASK_FIELDS = [
  'name',
  'resource_subtype',
  'notes',
  'html_notes',
  'completed',
  'completed_at',
  'created_at',
  'modified_at',
  'due_on',
  'due_at',
  'assignee.name',
  'created_by',
  'memberships.project.name',
  'memberships.section.name',
  'projects.name',
  'tags.name',
  'workspace.name',
  'parent.name',
  'custom_fields.name',
  'custom_fields.display_value',
  'permalink_url',
].join(',');

export const STORY_FIELDS = [
  'type',
  'resource_subtype',
  'text',
  'html_text',
  'created_at',
  'created_by.name',
  'is_pinned',
  'is_edited',
  'target.name',
].join(',');

/** `{ "opt_fields": … }` as a JSONata object literal. */
export const optFields = (fields: string) => `{ "opt_fields": "${fields}" }`;

/** The `data` of an Asana answer: the record or the page of records. */
export const DATA = 'data';
