import type { ResourceDefinition } from '../definition';
import { ID } from './shared.mapping';

/**
 * Trello comment action (`commentCard`) → unified comment. Comments are seen by the board's members
 * only, never by a customer: internal. An edited comment carries `data.dateLastEdited`.
 */
export const trelloCommentRecord = `{
  "id": id,
  "author": idMemberCreator ? {
    "id": idMemberCreator,
    "name": memberCreator.fullName,
    "type": "user"
  },
  "body": data.text,
  "ticket": data.card.id ? { "id": data.card.id },
  "is_internal": true,
  "is_private": false,
  "created_at": date,
  "updated_at": data.dateLastEdited ? data.dateLastEdited : date
}`;

const ACTION = `"/1/actions/" & ${ID}`;

export const trelloComments: ResourceDefinition = {
  record: trelloCommentRecord,
  methods: {
    // A card's actions filtered to comments; 1000 is the most Trello returns in one answer.
    list: {
      method: 'GET',
      path: `"/1/cards/" & $encodeUrlComponent(query.ticket_id) & "/actions"`,
      query: '{ "filter": "commentCard", "limit": 1000 }',
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: ACTION },
    create: {
      method: 'POST',
      path: `"/1/cards/" & $encodeUrlComponent(body.ticket.id) & "/actions/comments"`,
      query: '{ "text": body.body ? body.body : body.html_body }',
    },
    update: { method: 'PUT', path: ACTION, query: '{ "text": body.body ? body.body : body.html_body }' },
    delete: { method: 'DELETE', path: ACTION },
  },
};
