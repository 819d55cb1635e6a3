import type { ResourceDefinition } from '../definition';
import { FIELD_HELPERS } from './shared.mapping';

/**
 * A `sys_attachment` record from the Attachment API (`/api/now/attachment`) → unified attachment. The
 * uploader is a user name, as in journals; `download_link` is the file's content URL (same credentials).
 */
export const serviceNowAttachments: ResourceDefinition = {
  record: `(
    ${FIELD_HELPERS};
    {
      "id": sys_id,
      "file_name": file_name,
      "ticket_id": table_sys_id,
      "size": size_bytes ? $number(size_bytes),
      "file_url": download_link,
      "content_type": content_type,
      "uploaded_by": sys_created_by,
      "uploaded_by_type": sys_created_by ? "user",
      "created_at": $t(sys_created_on),
      "updated_at": $t(sys_updated_on)
    }
  )`,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/now/attachment"',
      query: `{ "sysparm_query": "table_sys_id=" & query.ticket_id & "^ORDERBYsys_created_on^ORDERBYsys_id" }`,
      response: 'result',
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: '"/api/now/attachment/" & $encodeUrlComponent(id)', response: 'result' },
  },
};
