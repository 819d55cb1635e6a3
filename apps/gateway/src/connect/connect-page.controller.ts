import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { ConnectSession } from '@app/store';
import {
  connectedPage,
  credentialFormPage,
  formFieldsOf,
  messagePage,
  providerListPage,
  type PageFrame,
} from './connect-page.html';
import { ConnectFormRejected, ConnectPageError, ConnectPageService } from './connect-page.service';

/**
 * The hosted connect page the end user opens (the link's token is its only credential). HTML, not JSON:
 * every outcome, failures included, is a page a person can read.
 */
@ApiExcludeController()
@Controller('connect')
export class ConnectPageController {
  constructor(private readonly connect: ConnectPageService) {}

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
    await this.render(reply, async (frame) => {
      const session = await this.session(frame, token);
      try {
        const outcome = await this.connect.submit(token, provider, form ?? {});
        if (outcome.kind === 'redirect') return { status: 303, location: outcome.location };
        const { displayName, connectionId, externalId, openerOrigins } = outcome;
        return {
          status: 201,
          html: connectedPage(frame, displayName, connectionId, externalId, openerOrigins),
        };
      } catch (error) {
        if (!(error instanceof ConnectFormRejected)) throw error;
        const values = Object.fromEntries(Object.entries(form ?? {}).map(([k, v]) => [k, String(v)]));
        return this.form(frame, token, session, provider, { values, problems: error.problems }, error.status);
      }
    });
  }

  /** The link's live session; the page then carries the tenant's name and may lead to its redirect origin. */
  private async session(frame: PageFrame, token: string): Promise<ConnectSession> {
    const session = await this.connect.liveSession(token);
    frame.brand = await this.connect.brandOf(session);
    if (session.redirect_url) frame.redirectOrigin = new URL(session.redirect_url).origin;
    return session;
  }

  private form(
    frame: PageFrame,
    token: string,
    session: ConnectSession,
    provider: string,
    state: { values?: Record<string, string>; problems?: string[] } = {},
    status = 200,
  ) {
    const definition = this.connect.definitionFor(session, provider);
    const fields = formFieldsOf(definition, session.settings[provider] ?? {});
    const backHref = session.providers.length > 1 ? `/connect/${token}` : undefined;
    return {
      status,
      html: credentialFormPage(frame, definition, fields, `/connect/${token}/${provider}`, {
        ...state,
        backHref,
      }),
    };
  }

  private async render(
    reply: FastifyReply,
    build: (frame: PageFrame) => Promise<{ status: number; html?: string; location?: string }>,
  ): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    const frame: PageFrame = { nonce, brand: 'Unified Ticketing' };
    let page: { status: number; html?: string; location?: string };
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
    if (page.location) {
      await reply.status(page.status).header('location', page.location).send();
      return;
    }
    await reply.status(page.status).type('text/html; charset=utf-8').send(page.html);
  }
}
