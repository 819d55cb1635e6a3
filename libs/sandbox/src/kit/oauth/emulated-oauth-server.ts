import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How a provider's OAuth 2.0 authorization server looks from outside. */
export interface OAuthServerOptions {
  /** Shown on the consent page. */
  providerName: string;
  authorizePath: string;
  tokenPath: string;
  /** Registered OAuth apps: client id → client secret. */
  clients: Record<string, string>;
  /** Access tokens expire after this long; never when absent (GitHub OAuth apps). */
  accessTokenTtlSeconds?: number;
  /** Whether the token answer carries a refresh token (rotated on each use). */
  refreshTokens: boolean;
  /** Called for every access token issued, so the emulator's API accepts it. */
  accept(accessToken: string, expiresAt: number | undefined): void;
  /** Called when a token stops being valid (revoked, rotated away). */
  revoke?(accessToken: string): void;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  scope: string;
  expiresAt: number;
  used: boolean;
  /** Tokens issued from this code: revoked if the code is replayed (RFC 6749 §4.1.2). */
  tokens: string[];
}

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const token = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

/**
 * An OAuth 2.0 authorization server as providers run it: a consent page that grants on submit (or denies),
 * authorization codes bound to client, redirect URI and PKCE challenge, single use; a token endpoint for
 * `authorization_code` and `refresh_token` grants with client authentication, expiry and refresh-token
 * rotation, answering RFC 6749 errors (`invalid_grant`, `invalid_client` …).
 */
export class EmulatedOAuthServer {
  /** What happened, for tests: grants by type, and the refresh tokens presented. */
  readonly log: { grant: string; ok: boolean; error?: string }[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshTokens = new Map<
    string,
    { clientId: string; scope: string; accessToken: string }
  >();
  /** Access tokens issued and still live → their client. */
  private readonly accessTokens = new Map<string, string>();
  /** Tokens revoked by their holder (RFC 7009 or the provider's own endpoint), for tests. */
  readonly revoked: string[] = [];

  constructor(private readonly options: OAuthServerOptions) {}

  register(app: FastifyInstance): void {
    // Consent forms and token requests are form-encoded (RFC 6749 §4.1.3).
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded'))
      app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
    app.get(this.options.authorizePath, (request, reply) => this.consentPage(request, reply));
    app.post(this.options.authorizePath, (request, reply) => this.decide(request, reply));
    app.post(this.options.tokenPath, (request, reply) => this.token(request, reply));
  }

  /** Makes every refresh token fail from now on, as when the user revokes the app (→ `invalid_grant`). */
  revokeAllRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /**
   * Revokes an access token and the refresh tokens of its grant (RFC 7009 §2.1: revoking one token of a
   * grant may revoke the others); false when it is not a live token of this server (of that client).
   */
  revokeAccessToken(accessToken: string, clientId?: string): boolean {
    const owner = this.accessTokens.get(accessToken);
    if (owner === undefined || (clientId !== undefined && owner !== clientId)) return false;
    this.accessTokens.delete(accessToken);
    for (const [refresh, held] of this.refreshTokens)
      if (held.accessToken === accessToken) this.refreshTokens.delete(refresh);
    this.options.revoke?.(accessToken);
    this.revoked.push(accessToken);
    return true;
  }

  /** The OAuth app a request authenticates as with HTTP Basic (client id and secret), if any. */
  basicClient(request: FastifyRequest): string | undefined {
    return /^Basic /i.test(request.headers.authorization ?? '') ? this.clientOf(request, {}) : undefined;
  }

  grants(type: string): number {
    return this.log.filter((l) => l.grant === type && l.ok).length;
  }

  private consentPage(request: FastifyRequest, reply: FastifyReply) {
    const q = request.query as Record<string, string | undefined>;
    const problem = this.authorizeProblem(q);
    if (problem)
      return reply
        .status(400)
        .type('text/html')
        .send(`<h1>OAuth error</h1><p>${escapeHtml(problem)}</p>`);
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method']
      .filter((k) => q[k] !== undefined)
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k]!)}">`)
      .join('');
    return reply.type('text/html')
      .send(`<!doctype html><html lang="en"><head><title>Authorize application</title></head>
<body><main><h1>Authorize ${escapeHtml(q.client_id!)}</h1>
<p>${escapeHtml(this.options.providerName)}: the application asks for <strong>${escapeHtml(q.scope ?? '')}</strong>.</p>
<form method="post" action="${escapeHtml(this.options.authorizePath)}">${hidden}
<button name="decision" value="allow">Authorize</button> <button name="decision" value="deny">Cancel</button>
</form></main></body></html>`);
  }

  private decide(request: FastifyRequest, reply: FastifyReply) {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const problem = this.authorizeProblem(body);
    if (problem)
      return reply
        .status(400)
        .type('text/html')
        .send(`<p>${escapeHtml(problem)}</p>`);
    const back = new URL(body.redirect_uri!);
    if (body.state !== undefined) back.searchParams.set('state', body.state);
    if (body.decision !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user has denied your application access.');
      return reply.redirect(back.toString(), 302);
    }
    const code = token('code');
    this.codes.set(code, {
      clientId: body.client_id!,
      redirectUri: body.redirect_uri!,
      challenge: body.code_challenge,
      scope: body.scope ?? '',
      expiresAt: Date.now() + 10 * 60_000,
      used: false,
      tokens: [],
    });
    back.searchParams.set('code', code);
    return reply.redirect(back.toString(), 302);
  }

  private authorizeProblem(q: Record<string, string | undefined>): string | undefined {
    if (!q.client_id || !(q.client_id in this.options.clients)) return 'The client_id is not registered.';
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri))
      return 'redirect_uri is missing or not a URL.';
    if (q.code_challenge && q.code_challenge_method !== 'S256')
      return 'Only S256 code challenges are accepted.';
    return undefined;
  }

  private token(request: FastifyRequest, reply: FastifyReply) {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const grant = body.grant_type ?? '';
    const fail = (status: number, error: string, description: string) => {
      this.log.push({ grant, ok: false, error });
      return reply.status(status).send({ error, error_description: description });
    };
    const client = this.clientOf(request, body);
    if (!client) return fail(401, 'invalid_client', 'Client authentication failed.');
    if (grant === 'authorization_code') {
      const issued = this.codes.get(body.code ?? '');
      if (!issued || issued.clientId !== client || issued.expiresAt < Date.now())
        return fail(400, 'invalid_grant', 'The authorization code is invalid or expired.');
      if (issued.used) {
        for (const t of issued.tokens) this.revokeAccessToken(t);
        return fail(400, 'invalid_grant', 'The authorization code was already used.');
      }
      if (issued.redirectUri !== body.redirect_uri)
        return fail(400, 'invalid_grant', 'The redirect_uri does not match the authorization request.');
      if (issued.challenge) {
        const verifier = body.code_verifier ?? '';
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (computed !== issued.challenge)
          return fail(400, 'invalid_grant', 'The code_verifier does not match.');
      }
      issued.used = true;
      const answer = this.issue(client, issued.scope);
      issued.tokens.push(answer.access_token);
      this.log.push({ grant, ok: true });
      return reply.send(answer);
    }
    if (grant === 'refresh_token' && this.options.refreshTokens) {
      const held = this.refreshTokens.get(body.refresh_token ?? '');
      if (!held || held.clientId !== client)
        return fail(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
      // Rotation: the presented refresh token and its access token stop working.
      this.refreshTokens.delete(body.refresh_token!);
      this.accessTokens.delete(held.accessToken);
      this.options.revoke?.(held.accessToken);
      this.log.push({ grant, ok: true });
      return reply.send(this.issue(client, held.scope));
    }
    return fail(400, 'unsupported_grant_type', `grant_type ${grant || '(none)'} is not supported.`);
  }

  private issue(clientId: string, scope: string) {
    const accessToken = token('at');
    this.accessTokens.set(accessToken, clientId);
    const ttl = this.options.accessTokenTtlSeconds;
    this.options.accept(accessToken, ttl === undefined ? undefined : Date.now() + ttl * 1000);
    const answer: { access_token: string } & Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'bearer',
      scope,
    };
    if (ttl !== undefined) answer.expires_in = ttl;
    if (this.options.refreshTokens) {
      const refreshToken = token('rt');
      this.refreshTokens.set(refreshToken, { clientId, scope, accessToken });
      answer.refresh_token = refreshToken;
    }
    return answer;
  }

  /** Client credentials in the body (client_secret_post) or an HTTP Basic header (client_secret_basic). */
  private clientOf(request: FastifyRequest, body: Record<string, string | undefined>): string | undefined {
    let id = body.client_id;
    let secret = body.client_secret;
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const at = decoded.indexOf(':');
      id = decodeURIComponent(decoded.slice(0, at));
      secret = decodeURIComponent(decoded.slice(at + 1));
    }
    return id !== undefined && this.options.clients[id] === secret ? id : undefined;
  }
}
