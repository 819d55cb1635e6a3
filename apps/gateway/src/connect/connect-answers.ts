import { closedObject, listOf, nullable, ref, text, texts, timestamp } from '../openapi/answer-schema';
import type { JsonSchema } from '../openapi/validator-schema';

/** The answers of /connect (connect-sessions.controller.ts), as named components. */
export const CONNECT_ANSWERS: Record<string, JsonSchema> = {
  /** OpenedConnectSession (connect-sessions.service.ts). */
  ConnectSession: closedObject({
    id: text,
    token: { ...text, description: 'The session’s bearer: whoever has it (or the url) may connect once' },
    url: { ...text, description: 'The hosted connect page to send the end user to' },
    expires_at: timestamp,
    providers: { ...texts, description: 'The providers the end user may choose from' },
    external_id: nullable(text),
    redirect_url: nullable(text),
    connection_id: { ...nullable(text), description: 'The connection this session re-authorises' },
  }),
  ConnectSettings: closedObject({
    allowed_redirect_origins: {
      ...texts,
      description: 'Origins a session’s redirect_url and the pop-up’s opener may have',
    },
  }),
  /** A tenant's OAuth app: never its client secret. */
  OAuthApp: closedObject({
    provider: text,
    client_id: text,
    created_at: timestamp,
    updated_at: timestamp,
    redirect_uri: { ...text, description: 'The redirect URI to register with the provider' },
  }),
  OAuthAppList: listOf(ref('OAuthApp')),
};
