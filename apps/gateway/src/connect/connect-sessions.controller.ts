import { Body, Controller, Get, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { ConnectSettingsBody, CreateConnectSessionBody } from './connect-bodies';
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
}
