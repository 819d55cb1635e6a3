import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { ConnectSession } from '@app/store';
import {
  connectedPage,
  credentialFormPage,
  continuePage,
  formFieldsOf,
  messagePage,
  providerListPage,
  settingFieldsOf,
  type ConnectForm,
  type PageFrame,
} from './connect-page.html';
import {
  ConnectFormRejected,
  ConnectPageError,
  ConnectPageService,
  type ConnectOutcome,
} from './connect-page.service';
import { OAUTH_BROWSER_COOKIE, OAuthConnectService } from './oauth-connect.service';

type Rendered = { status: number; html?: string; location?: string; cookie?: string };

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The hosted connect page the end user opens (the link's token is its only credential). HTML, not JSON:
 * every outcome, failures included, is a page a person can read.
 */
@ApiExcludeController()
@Controller('connect')
export class ConnectPageController {
  constructor(
    private readonly connect: ConnectPageService,
    private readonly oauth: OAuthConnectService,
  ) {}

  /** Where the provider sends the browser back after consent (a static segment: matched before `:token`). */
  @Get('oauth/callback')
  async oauthCallback(
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const expired = `${OAUTH_BROWSER_COOKIE}=; Path=/connect/oauth; Max-Age=0; HttpOnly; SameSite=Lax`;
    await this.render(reply, async (frame) => {
      const outcome = await this.oauth.callback(query, cookieOf(request, OAUTH_BROWSER_COOKIE));
      return { ...this.outcomePage(frame, outcome), cookie: expired };
    });
  }

  @Get(':token')
  async start(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    await this.render(reply, async (frame) => {
      const session = await this.session(frame, token);
      const offered = this.connect.offered(session);
      if (offered.length === 1) return this.form(frame, token, session, offered[0].name);
      return { status: 200, html: providerListPage(frame, offered, (p) => `/connect/${token}/${p}`) };
    });
  }

  @Get(':token/:provider')
  async showForm(
    @Param('token') token: string,
    @Param('provider') provider: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(reply, async (frame) =>
      this.form(frame, token, await this.session(frame, token), provider),
    );
  }

  @Post(':token/:provider')
  async submit(
    @Param('token') token: string,
    @Param('provider') provider: string,
    @Body() form: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.submitted(reply, token, provider, form, 'credentials');
  }

  /** An app installation's form (a GitHub App's id and private key): its first token proves it. */
  @Post(':token/:provider/app')
  async submitApp(
    @Param('token') token: string,
    @Param('provider') provider: string,
    @Body() form: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.submitted(reply, token, provider, form, 'app');
  }

  /** A form turned into a connection (its outcome page), or shown again with the reasons it was refused. */
  private async submitted(
    reply: FastifyReply,
    token: string,
    provider: string,
    form: Record<string, unknown> | undefined,
    kind: 'credentials' | 'app',
  ): Promise<void> {
    await this.render(reply, async (frame) => {
      const session = await this.session(frame, token);
      try {
        const outcome =
          kind === 'app'
            ? await this.connect.submitApp(token, provider, form ?? {})
            : await this.connect.submit(token, provider, form ?? {});
        return this.outcomePage(frame, outcome);
      } catch (error) {
        if (!(error instanceof ConnectFormRejected)) throw error;
        return this.rejected(frame, token, session, provider, form, error, kind);
      }
    });
  }

  /** "Continue with …": remembers the round trip, sets the browser's cookie, and hands over to the provider. */
  @Post(':token/:provider/oauth')
  async startOAuth(
    @Param('token') token: string,
    @Param('provider') provider: string,
    @Body() form: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(reply, async (frame) => {
      const session = await this.session(frame, token);
      try {
        const started = await this.oauth.start(token, provider, form ?? {});
        const secure = this.oauth.redirectUri.startsWith('https:') ? '; Secure' : '';
        return {
          // A page that moves on by itself (meta refresh, and a link): a form answered by a redirect to
          // the provider would have to list every provider's origin in the page's CSP form-action.
          status: 200,
          html: continuePage(
            frame,
            this.connect.definitionFor(session, provider).displayName,
            started.location,
          ),
          cookie: `${OAUTH_BROWSER_COOKIE}=${started.browserNonce}; Path=/connect/oauth; Max-Age=1800; HttpOnly; SameSite=Lax${secure}`,
        };
      } catch (error) {
        if (!(error instanceof ConnectFormRejected)) throw error;
        return this.rejected(frame, token, session, provider, form, error, 'oauth');
      }
    });
  }

  private outcomePage(frame: PageFrame, outcome: ConnectOutcome): Rendered {
    if (outcome.kind === 'redirect') return { status: 303, location: outcome.location };
    const { displayName, connectionId, externalId, openerOrigins } = outcome;
    return { status: 201, html: connectedPage(frame, displayName, connectionId, externalId, openerOrigins) };
  }

  /** The link's live session; the page then carries the tenant's name and may lead to its redirect origin. */
  private async session(frame: PageFrame, token: string): Promise<ConnectSession> {
    const session = await this.connect.liveSession(token);
    frame.brand = await this.connect.brandOf(session);
    if (session.redirect_url) frame.redirectOrigin = new URL(session.redirect_url).origin;
    return session;
  }

  /** The form again after a refusal: the reasons, and what was typed (secrets never echoed: see the page). */
  private rejected(
    frame: PageFrame,
    token: string,
    session: ConnectSession,
    provider: string,
    form: Record<string, unknown> | undefined,
    error: ConnectFormRejected,
    failed: ConnectForm,
  ): Promise<Rendered> {
    const values = Object.fromEntries(Object.entries(form ?? {}).map(([k, v]) => [k, String(v)]));
    return this.form(
      frame,
      token,
      session,
      provider,
      { values, problems: error.problems, failed },
      error.status,
    );
  }

  private async form(
    frame: PageFrame,
    token: string,
    session: ConnectSession,
    provider: string,
    state: { values?: Record<string, string>; problems?: string[]; failed?: ConnectForm } = {},
    status = 200,
  ): Promise<Rendered> {
    const definition = this.connect.definitionFor(session, provider);
    const preset = session.settings[provider] ?? {};
    const fields = formFieldsOf(definition, preset);
    const backHref = session.providers.length > 1 ? `/connect/${token}` : undefined;
    const oauth = (await this.oauth.offers(session, definition))
      ? {
          action: `/connect/${token}/${provider}/oauth`,
          fields: settingFieldsOf(definition, preset, definition.oauth2?.settingsFromConnect),
        }
      : undefined;
    const installation = definition.appInstallation;
    const app = installation
      ? {
          action: `/connect/${token}/${provider}/app`,
          label: installation.label,
          fields: formFieldsOf(definition, preset, installation.credentials),
        }
      : undefined;
    return {
      status,
      html: credentialFormPage(frame, definition, fields, `/connect/${token}/${provider}`, {
        ...state,
        backHref,
        oauth,
        app,
      }),
    };
  }

  private async render(reply: FastifyReply, build: (frame: PageFrame) => Promise<Rendered>): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    const frame: PageFrame = { nonce, brand: 'Unified Ticketing' };
    let page: Rendered;
    try {
      page = await build(frame);
    } catch (error) {
      if (!(error instanceof ConnectPageError)) throw error;
      page = { status: error.status, html: messagePage(frame, error.title, error.message) };
    }
    reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        // A form's POST answered by a redirect must be allowed to go there too (Chromium checks it).
        `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; ` +
          `form-action 'self'${frame.redirectOrigin ? ` ${frame.redirectOrigin}` : ''}; ` +
          `frame-ancestors 'none'; base-uri 'none'`,
      );
    if (page.cookie) reply.header('set-cookie', page.cookie);
    if (page.location) {
      await reply.status(page.status).header('location', page.location).send();
      return;
    }
    await reply.status(page.status).type('text/html; charset=utf-8').send(page.html);
  }
}
