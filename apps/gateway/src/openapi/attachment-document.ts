import type { OpenAPIObject } from '@nestjs/swagger';
import { MEDIA_TYPE as MEDIA_TYPE_RULE } from '../attachments/upload-request';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: Json[];
  requestBody?: { content?: Record<string, { schema?: Json } & Json> } & Json;
  responses?: Record<string, Json>;
  [key: string]: unknown;
}

const CREATE = '/unified/ticketing/attachments';
const CONTENT = '/unified/ticketing/attachments/{id}/content';
/** The server's own rule, or empty (not given). */
const MEDIA_TYPE = `^$|${MEDIA_TYPE_RULE.source}`;

const apiError = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/** The unified fields an upload takes, as upload-request.ts reads them. */
const UPLOAD_FIELDS: Json = {
  ticket_id: { type: 'string', minLength: 1, description: 'The ticket the file is attached to' },
  file_name: { type: 'string', minLength: 1, description: 'The file’s name at the provider' },
  content_type: {
    type: 'string',
    pattern: MEDIA_TYPE,
    description: 'Its media type; default (absent or empty): the file part’s, else application/octet-stream',
  },
};

const SCHEMAS: Json = {
  AttachmentUpload: {
    type: 'object',
    description: 'A file for the provider’s own upload flow, its bytes in base64',
    required: ['ticket_id', 'file_name', 'content'],
    additionalProperties: false,
    properties: {
      ...UPLOAD_FIELDS,
      content: {
        type: 'string',
        contentEncoding: 'base64',
        pattern: '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
        description: 'The file’s bytes, base64 with padding (RFC 4648 §4)',
      },
    },
  },
  AttachmentUploadForm: {
    type: 'object',
    description: 'A file for the provider’s own upload flow, as a form: one part named `file`',
    required: ['ticket_id', 'file'],
    additionalProperties: false,
    properties: {
      ...UPLOAD_FIELDS,
      file_name: { type: 'string', description: 'Default (absent or empty): the file part’s name' },
      file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file' },
    },
  },
};

const UPLOAD_DESCRIPTION = [
  'With a file (a `multipart/form-data` part named `file`, or JSON with the bytes in base64 `content`) the',
  'file is uploaded through the provider’s own flow: Jira’s attachments endpoint, Zendesk’s upload token',
  'then an internal note carrying it. Providers that take no files (GitHub) answer 400. Without a file the',
  'body is the unified create of an attachment record, where a provider supports it. The file is held in',
  'memory up to `ATTACHMENT_MAX_BYTES` (25 MiB by default); a larger one is a 413.',
].join('\n');

/**
 * Documents attachment files: the upload forms of `POST /unified/ticketing/attachments` (beside its
 * unified create body) and `GET /unified/ticketing/attachments/{id}/content`, the file streamed from
 * the provider with its own content type.
 */
export function addAttachmentFiles(document: OpenAPIObject): OpenAPIObject {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const create = paths[CREATE]?.post as Operation | undefined;
  if (!create) return document;
  const json = create.requestBody?.content?.['application/json']?.schema ?? {};
  create.description = UPLOAD_DESCRIPTION;
  create.requestBody = {
    required: true,
    content: {
      'application/json': { schema: { anyOf: [json, { $ref: '#/components/schemas/AttachmentUpload' }] } },
      'multipart/form-data': {
        schema: { $ref: '#/components/schemas/AttachmentUploadForm' },
        encoding: { file: { contentType: '*/*' } },
      },
    },
  };
  create.responses = {
    ...create.responses,
    '400': apiError(
      'The body breaks this document (no ticket_id, content not base64, no part named file, …), or the provider takes no files',
    ),
    '413': apiError(
      'The file is larger than ATTACHMENT_MAX_BYTES (25 MiB by default); the limit is in details',
    ),
    '415': apiError('The body is neither JSON nor multipart/form-data'),
  };
  const common = (create.parameters ?? []).filter((p) =>
    ['connection_id', 'remote_query'].includes(String(p.name)),
  );
  paths[CONTENT] = {
    parameters: [
      { name: 'id', in: 'path', required: true, description: 'The unified id', schema: { type: 'string' } },
    ],
    get: {
      tags: create.tags,
      operationId: 'download_attachment_content',
      security: create.security,
      summary: 'Download an attachment’s file',
      description:
        'The file as the provider serves it, streamed as it arrives (never held whole by the gateway), with ' +
        'the provider’s Content-Type, Content-Length and Content-Disposition where it gives them.',
      parameters: common,
      responses: {
        '200': {
          description: 'The file’s bytes',
          headers: {
            'Content-Length': { description: 'Where the provider gave it', schema: { type: 'integer' } },
            'Content-Disposition': {
              description: 'The provider’s, where it gave one',
              schema: { type: 'string' },
            },
          },
          content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
        },
        '400': apiError('A parameter breaks this document, or the provider serves no attachment files'),
        '401': apiError('Missing or invalid API key, or the provider rejected the connection'),
        '404': apiError('No such connection for this tenant, or no such attachment at the provider'),
        '422': apiError('A mapping failed, or the provider refused the request'),
        '429': apiError(
          'Over this tenant’s or API key’s fair use, or the provider’s rate limit (Retry-After)',
        ),
        '502': apiError(
          'The provider failed, could not be reached, or placed the file on a host it does not own',
        ),
        '504': apiError('The provider did not answer in time'),
      },
    },
  };
  const components = document.components ?? {};
  return {
    ...document,
    components: { ...components, schemas: { ...(components.schemas ?? {}), ...SCHEMAS } as never },
  };
}
