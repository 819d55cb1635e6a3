import { ApiError } from '@app/http';

const OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;
const FILTER_FIELDS = ['created_at', 'updated_at'] as const;
/** Parameters the gateway itself consumes; everything else is passed to the mapping as `query.<name>`. */
const RESERVED = new Set([
  'connection_id',
  'limit',
  'next_cursor',
  'response_format',
  'include_remote_data',
  'fields',
]);

export interface UnifiedQuery {
  connectionId: string;
  limit?: number;
  cursor?: string;
  raw: boolean;
  /** `include_remote_data`: undefined when not given (remote_data then only if `fields` names it). */
  remoteData?: boolean;
  /** `fields=a,b`: the unified field names asked for, checked against the resource by the service. */
  fields?: string[];
  /** For the engine: `updated_at: {gt}`, `remote_query: {...}`, `ticket_id`, … */
  query: Record<string, unknown>;
}

/**
 * Reads the flat query string (`updated_at[gt]=…`, `remote_query[state]=all`) into the unified query,
 * refusing what cannot be honoured with a 400 naming the parameter.
 */
export function parseUnifiedQuery(flat: Record<string, string | string[] | undefined>): UnifiedQuery {
  const problems: string[] = [];
  const single = (name: string): string | undefined => {
    const value = flat[name];
    if (Array.isArray(value)) problems.push(`${name} is given more than once`);
    return Array.isArray(value) ? value[0] : value;
  };
  const connectionId = single('connection_id');
  if (!connectionId) problems.push('connection_id is required');
  const limitText = single('limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000))
    problems.push('limit must be an integer from 1 to 1000');
  const format = single('response_format');
  if (format !== undefined && !['unified', 'raw'].includes(format))
    problems.push('response_format must be unified or raw');
  const remoteData = single('include_remote_data');
  if (remoteData !== undefined && !['true', 'false'].includes(remoteData))
    problems.push('include_remote_data must be true or false');
  const fieldsText = single('fields');
  // Spaces and tabs around a name are allowed (the OpenAPI document's pattern says the same).
  const fields = fieldsText?.split(',').map((name) => name.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (fields?.some((name) => name === ''))
    problems.push('fields must be comma-separated field names, none of them empty');

  const query: Record<string, unknown> = {};
  const remoteQuery: Record<string, string> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (RESERVED.has(key) || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    const bracket = /^([a-z_]+)\[([^\]]+)\]$/.exec(key);
    if (bracket && bracket[1] === 'remote_query') {
      remoteQuery[bracket[2]] = text;
    } else if (bracket && (FILTER_FIELDS as readonly string[]).includes(bracket[1])) {
      if (!(OPERATORS as readonly string[]).includes(bracket[2]))
        problems.push(`${key}: the operator must be one of ${OPERATORS.join(', ')}`);
      else if (Number.isNaN(Date.parse(text))) problems.push(`${key} must be an ISO-8601 date-time`);
      else
        query[bracket[1]] = {
          ...((query[bracket[1]] as object) ?? {}),
          [bracket[2]]: new Date(text).toISOString(),
        };
    } else if (bracket) {
      problems.push(`${key} is not a supported parameter`);
    } else {
      query[key] = text;
    }
  }
  if (Object.keys(remoteQuery).length > 0) query.remote_query = remoteQuery;
  if (problems.length > 0) throw new ApiError(400, 'Invalid query parameters', problems);
  return {
    connectionId: connectionId as string,
    limit,
    cursor: single('next_cursor'),
    raw: format === 'raw',
    remoteData: remoteData === undefined ? undefined : remoteData === 'true',
    fields,
    query,
  };
}
