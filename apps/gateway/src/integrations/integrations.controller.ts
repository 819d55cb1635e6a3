import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { capabilitiesOf, ProviderRegistry, type ProviderDefinition } from '@app/providers';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { ConnectionsService } from '../connections/connections.service';
import { ApiAnswer } from '../openapi/answer-schema';

/** Discovery, generated from the definitions: which providers exist, what they need, what they can do. */
@ApiTags('discovery')
@Controller()
export class IntegrationsController {
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionsService,
  ) {}

  @Get('integrations')
  @ApiAnswer(200, 'Every provider: what a connection to it needs and what it can do', 'IntegrationList')
  integrations() {
    const capabilities = capabilitiesOf(this.providers);
    const result = this.providers.all().map((definition) => ({
      ...describe(definition),
      resources: capabilities
        .filter((c) => c.provider === definition.name)
        .map(({ resource, methods }) => ({ resource, methods })),
    }));
    return { result, result_count: result.length };
  }

  @Get('connections/:id/capabilities')
  @ApiBearerAuth()
  @UseGuards(TenantAuthGuard)
  @ApiAnswer(200, 'What the connection’s provider can do, by unified resource', 'ConnectionCapabilities')
  async capabilities(@TenantId() tenantId: string, @Param('id') id: string) {
    const connection = await this.connections.find(tenantId, id);
    const result = capabilitiesOf(this.providers)
      .filter((c) => c.provider === connection.provider)
      .map(({ resource, methods }) => ({ resource, methods }));
    return { connection_id: id, provider: connection.provider, result };
  }
}

function describe(definition: ProviderDefinition) {
  return {
    provider: definition.name,
    name: definition.displayName,
    auth: { scheme: definition.auth.scheme, credentials: definition.credentials },
    settings: definition.connectionSettings,
    webhooks: definition.webhooks
      ? {
          verification: definition.webhooks.verification.scheme,
          events: definition.webhooks.events.map((e) => e.description),
        }
      : null,
  };
}
