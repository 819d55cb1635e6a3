import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';

/** A GitHub App registered at the emulator: its id, client id and the public half of its key. */
export interface EmulatedGithubApp {
  id: number;
  clientId: string;
  slug: string;
  publicKey: KeyObject;
}

export interface EmulatedInstallation {
  id: number;
  app: EmulatedGithubApp;
  /** The account (user or organization login) the app is installed on: all its repositories. */
  account: string;
}

/** Why a JWT was refused, in GitHub's words. */
export type JwtRefusal = { refused: string };

const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * GitHub Apps as github.com runs them: an app authenticates with an RS256 JWT it signs (issued at most
 * 10 minutes before it expires, `iss` its id or client id); an installation on an account lets the app
 * mint one-hour installation tokens (`ghs_…`), which the API accepts until they expire or are revoked.
 */
export class EmulatedGithubApps {
  private readonly apps = new Map<string, EmulatedGithubApp>();
  private readonly installations = new Map<number, EmulatedInstallation>();
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();
  private nextInstallation = 52_000_001;
  /** Token lifetime; GitHub's is one hour. */
  tokenTtlMs = 3_600_000;
  /** Tokens minted, for tests (how many times the platform asked). */
  minted = 0;

  register(app: { id: number; clientId?: string; slug?: string; publicKeyPem: string }): EmulatedGithubApp {
    const registered: EmulatedGithubApp = {
      id: app.id,
      clientId: app.clientId ?? `Iv23li${app.id}`,
      slug: app.slug ?? `app-${app.id}`,
      publicKey: createPublicKey(app.publicKeyPem),
    };
    this.apps.set(String(registered.id), registered);
    this.apps.set(registered.clientId, registered);
    return registered;
  }

  /** A new private key generated for the app and the old ones deleted (JWTs they sign are refused). */
  rotateKey(appId: number, publicKeyPem: string): void {
    const app = this.apps.get(String(appId));
    if (!app) throw new Error(`no app ${appId}`);
    app.publicKey = createPublicKey(publicKeyPem);
  }

  install(appId: number, account: string): EmulatedInstallation {
    const app = this.apps.get(String(appId));
    if (!app) throw new Error(`no app ${appId}`);
    const installation = { id: this.nextInstallation++, app, account };
    this.installations.set(installation.id, installation);
    return installation;
  }

  /** The account owner removes the app: its tokens stop working and no new ones are minted. */
  uninstall(installationId: number): void {
    this.installations.delete(installationId);
    for (const [token, held] of this.tokens)
      if (held.installationId === installationId) this.tokens.delete(token);
  }

  /** Every token minted so far expires now (as an hour passing would). */
  expireTokens(): void {
    for (const held of this.tokens.values()) held.expiresAt = 0;
  }

  /** The app a JWT authenticates, or GitHub's reason for refusing it. */
  authenticate(jwt: string, nowMs = Date.now()): EmulatedGithubApp | JwtRefusal {
    const parts = jwt.split('.');
    const undecodable = { refused: 'A JSON web token could not be decoded' };
    if (parts.length !== 3) return undecodable;
    let header: { alg?: unknown };
    let claims: { iat?: unknown; exp?: unknown; iss?: unknown };
    try {
      header = decode(parts[0]) as typeof header;
      claims = decode(parts[1]) as typeof claims;
    } catch {
      return undecodable;
    }
    if (header.alg !== 'RS256') return undecodable;
    const app = this.apps.get(String(claims.iss));
    if (!app) return { refused: `Integration not found` };
    const signed = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      app.publicKey,
      Buffer.from(parts[2], 'base64url'),
    );
    if (!signed) return { refused: 'A JSON web token could not be decoded' };
    const now = Math.floor(nowMs / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now)
      return {
        refused:
          "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      };
    if (typeof claims.iat !== 'number' || claims.iat > now + 60)
      return {
        refused:
          "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
      };
    if (claims.exp - claims.iat > 600)
      return { refused: "'Expiration time' claim ('exp') is too far in the future" };
    return app;
  }

  installationFor(app: EmulatedGithubApp, account: string): EmulatedInstallation | undefined {
    return [...this.installations.values()].find(
      (i) => i.app === app && i.account.toLowerCase() === account.toLowerCase(),
    );
  }

  installation(app: EmulatedGithubApp, id: number): EmulatedInstallation | undefined {
    const found = this.installations.get(id);
    return found?.app === app ? found : undefined;
  }

  mint(installation: EmulatedInstallation, nowMs = Date.now()): { token: string; expiresAt: Date } {
    const token = `ghs_${randomBytes(27).toString('base64url')}`;
    const expiresAt = nowMs + this.tokenTtlMs;
    this.tokens.set(token, { installationId: installation.id, expiresAt });
    this.minted++;
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** Whether the API takes this installation token now. */
  accepts(token: string, nowMs = Date.now()): boolean {
    const held = this.tokens.get(token);
    return held !== undefined && held.expiresAt > nowMs && this.installations.has(held.installationId);
  }

  /** Installation tokens the API would take now, for tests. */
  liveTokens(nowMs = Date.now()): string[] {
    return [...this.tokens.keys()].filter((token) => this.accepts(token, nowMs));
  }

  isInstallationToken(token: string): boolean {
    return this.tokens.has(token);
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }
}
