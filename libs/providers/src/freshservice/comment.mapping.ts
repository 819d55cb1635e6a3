import type { ResourceDefinition } from '../definition';
import { freshdeskCommentRecord, freshdeskComments } from '../freshdesk/comment.mapping';

/**
 * Freshservice conversation (reply, note, incoming e-mail) → unified comment, as a Freshdesk one
 * (`incoming` marks the requester's side, private notes are internal) with Freshservice's sources.
 */
export const freshserviceCommentRecord = `
$merge([
  ${freshdeskCommentRecord},
  {
    "channel": $exists(source) ? {
      "id": $string(source),
      "name": $lookup({ "0": "email", "1": "form", "2": "note", "5": "feedback", "6": "forward" }, $string(source))
    }
  }
])`;

/** Same routes and bodies as Freshdesk's conversations; Freshservice wraps its answers. */
const { list, create, update, delete: remove } = freshdeskComments.methods!;

export const freshserviceComments: ResourceDefinition = {
  record: freshserviceCommentRecord,
  methods: {
    list: { ...list!, response: 'conversations' },
    // An internal comment is a private note; a public one a reply, which Freshservice e-mails to the requester.
    create: { ...create!, response: 'conversation' },
    // Freshservice edits notes only; editing a reply is refused with a 400.
    update: { ...update!, response: 'conversation' },
    delete: remove,
  },
};
