import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { ApiAnswer } from '../openapi/answer-schema';
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
  @ApiAnswer(201, 'The session: send the end user to its url', 'ConnectSession')
  open(@TenantId() tenantId: string, @Body() body: CreateConnectSessionBody) {
    return this.sessions.open(tenantId, body);
  }

  @Get('settings')
  @ApiAnswer(200, 'The allowed redirect origins', 'ConnectSettings')
  settings(@TenantId() tenantId: string) {
    return this.sessions.allowedOrigins(tenantId);
  }

  @Put('settings')
  @ApiAnswer(200, 'The allowed redirect origins as saved (as origins, without repeats)', 'ConnectSettings')
  updateSettings(@TenantId() tenantId: string, @Body() body: ConnectSettingsBody) {
    return this.sessions.setAllowedOrigins(tenantId, body.allowed_redirect_origins);
  }

  /** Your OAuth apps (client secrets are never returned). */
  @Get('oauth-apps')
  @ApiAnswer(200, 'This tenant’s OAuth apps, by provider', 'OAuthAppList')
  oauthApps(@TenantId() tenantId: string) {
    return this.sessions.oauthApps(tenantId);
  }

  @Put('oauth-apps/:provider')
  @ApiAnswer(200, 'The OAuth app as saved (never its client secret)', 'OAuthApp')
  putOAuthApp(@TenantId() tenantId: string, @Param('provider') provider: string, @Body() body: OAuthAppBody) {
    return this.sessions.putOAuthApp(tenantId, provider, body);
  }

  @Delete('oauth-apps/:provider')
  @HttpCode(204)
  async deleteOAuthApp(@TenantId() tenantId: string, @Param('provider') provider: string): Promise<void> {
    await this.sessions.deleteOAuthApp(tenantId, provider);
  }
}
