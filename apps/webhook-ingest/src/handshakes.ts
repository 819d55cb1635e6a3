import type { WebhookDefinition } from '@app/providers';
import type { Connection } from '@app/store';

export interface HandshakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** A secret the provider handed over (Asana's X-Hook-Secret) to keep as the connection's webhook secret. */
  adoptSecret?: string;
}

/**
 * Answers the endpoint-verification requests a definition declares; undefined for ordinary deliveries.
 * A handed-over secret is adopted only while the connection has none, so a later request cannot replace it.
 */
export function answerHandshake(
  webhooks: WebhookDefinition,
  connection: Connection,
  request: { method: string; headers: Record<string, string>; rawBody: Buffer },
): HandshakeAnswer | undefined {
  for (const handshake of webhooks.handshakes ?? []) {
    switch (handshake.kind) {
      case 'head-ok':
        if (request.method === 'HEAD') return { status: 200, headers: {}, body: undefined };
        break;
      case 'echo-header': {
        const value = request.headers[handshake.header.toLowerCase()];
        if (value && !connection.webhookSecret) {
          return {
            status: 200,
            headers: { [handshake.header]: value },
            body: { status: 'handshake' },
            adoptSecret: handshake.adoptAsSecret ? value : undefined,
          };
        }
        break;
      }
      case 'challenge': {
        const challenge = handshake.header
          ? request.headers[handshake.header.toLowerCase()] || undefined
          : challengeOf(request.rawBody, handshake.bodyField);
        if (challenge !== undefined)
          return { status: 200, headers: {}, body: { [handshake.bodyField]: challenge } };
        break;
      }
    }
  }
  return undefined;
}

function challengeOf(rawBody: Buffer, field: string): string | undefined {
  try {
    const body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    const value = body[field];
    // Only a body that is nothing but the challenge: an event that happens to carry the field is an event.
    return typeof value === 'string' && Object.keys(body).length === 1 ? value : undefined;
  } catch {
    return undefined;
  }
}
