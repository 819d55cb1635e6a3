import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { ConnectSettingsBody, CreateConnectSessionBody, OAuthAppBody } from './connect-bodies';
import { ConnectSessionsService } from './connect-sessions.service';

/** Our user's backend opens a connect session and hands its URL to the end user (or opens it in a pop-up). */
@ApiTags('connect')
@ApiBearerAuth()
@Controller('connect')
@UseGuards(TenantAuthGuard)
export class ConnectSessionsController {
  constructor(private readonly sessions: ConnectSessionsService) {}

  @Post('sessions')
  @HttpCode(201)
  open(@TenantId() tenantId: string, @Body() body: CreateConnectSessionBody) {
    return this.sessions.open(tenantId, body);
  }

  @Get('settings')
  settings(@TenantId() tenantId: string) {
    return this.sessions.allowedOrigins(tenantId);
  }

  @Put('settings')
  updateSettings(@TenantId() tenantId: string, @Body() body: ConnectSettingsBody) {
    return this.sessions.setAllowedOrigins(tenantId, body.allowed_redirect_origins);
  }

  /** Your OAuth apps (client secrets are never returned). */
  @Get('oauth-apps')
  oauthApps(@TenantId() tenantId: string) {
    return this.sessions.oauthApps(tenantId);
  }

  @Put('oauth-apps/:provider')
  putOAuthApp(@TenantId() tenantId: string, @Param('provider') provider: string, @Body() body: OAuthAppBody) {
    return this.sessions.putOAuthApp(tenantId, provider, body);
  }

  @Delete('oauth-apps/:provider')
  @HttpCode(204)
  async deleteOAuthApp(@TenantId() tenantId: string, @Param('provider') provider: string): Promise<void> {
    await this.sessions.deleteOAuthApp(tenantId, provider);
  }
}
