import { bearer } from '../auth/bearer';

/** What the first bytes of a connection say about where it belongs. */
export type RequestHead =
  /** The first request's head has not fully arrived yet. */
  | { complete: false }
  /** Complete (or too long to wait for): its API key, when it sends one. */
  | { complete: true; apiKey?: string };

const END_OF_HEAD = Buffer.from('\r\n\r\n');

/**
 * Reads the API key of the first HTTP/1 request on a connection from its raw bytes. Only the request
 * line and headers matter; a head longer than `maxBytes` is treated as complete without a key (the
 * default lane's HTTP server then answers it as it would any oversized head).
 */
export function readRequestHead(bytes: Buffer, maxBytes: number): RequestHead {
  const end = bytes.indexOf(END_OF_HEAD);
  if (end < 0) return bytes.length >= maxBytes ? { complete: true } : { complete: false };
  if (end > maxBytes) return { complete: true };
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === 'authorization') {
      return { complete: true, apiKey: bearer(line.slice(colon + 1).trim()) };
    }
  }
  return { complete: true };
}
