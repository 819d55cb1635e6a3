import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TenantAuthGuard } from '../auth/tenant-auth.guard';
import { TenantId } from '../auth/tenant-id.decorator';
import { ApiAnswer } from '../openapi/answer-schema';
import { OverridesService } from './overrides.service';

export class PutOverrideBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  expression!: string;

  /** Set for a connection-level override; a tenant-level one otherwise. */
  @IsOptional()
  @IsString()
  connection_id?: string;
}

export class PreviewBody {
  @IsString()
  @IsNotEmpty()
  connection_id!: string;

  /** `<resource>.record`: the candidate runs over the live provider object of `id`. */
  @IsString()
  @IsNotEmpty()
  key!: string;

  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  expression!: string;
}

/**
 * Run-time mapping overrides: base definition < tenant < connection, each replacing one mapping whole.
 * Keys: `<resource>.record` or `<resource>.<method>.<path|query|body|response>`.
 */
const CONNECTION_QUERY = {
  name: 'connection_id',
  required: false,
  description: "The connection's override; the tenant's own when absent",
} as const;

@ApiTags('mappings')
@ApiBearerAuth()
@Controller('mappings')
@UseGuards(TenantAuthGuard)
export class OverridesController {
  constructor(private readonly overrides: OverridesService) {}

  @Get('overrides')
  @ApiAnswer(200, 'This tenant’s overrides, each with how it has fared', 'MappingOverrideList')
  async list(@TenantId() tenantId: string) {
    const result = await this.overrides.list(tenantId);
    return { result, result_count: result.length };
  }

  @Get('overrides/:key')
  @ApiAnswer(200, 'The override', 'MappingOverride')
  @ApiQuery(CONNECTION_QUERY)
  get(
    @TenantId() tenantId: string,
    @Param('key') key: string,
    @Query('connection_id') connectionId?: string,
  ) {
    return this.overrides.get(tenantId, key, connectionId);
  }

  @Put('overrides/:key')
  @ApiAnswer(200, 'The override as saved', 'SavedMappingOverride')
  put(@TenantId() tenantId: string, @Param('key') key: string, @Body() body: PutOverrideBody) {
    return this.overrides.put(tenantId, key, body.expression, body.connection_id);
  }

  @Delete('overrides/:key')
  @ApiQuery(CONNECTION_QUERY)
  @HttpCode(204)
  async remove(
    @TenantId() tenantId: string,
    @Param('key') key: string,
    @Query('connection_id') connectionId?: string,
  ) {
    await this.overrides.delete(tenantId, key, connectionId);
  }

  /** The mapping the definition ships, for reading before overriding. */
  @Get('base/:provider/:key')
  @ApiAnswer(200, 'The mapping the provider definition ships', 'BaseMapping')
  base(@Param('provider') provider: string, @Param('key') key: string) {
    return this.overrides.base(provider, key);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiAnswer(200, 'The record as it is mapped now and as the candidate would map it', 'MappingPreview')
  preview(@TenantId() tenantId: string, @Body() body: PreviewBody) {
    return this.overrides.preview(tenantId, body);
  }
}
