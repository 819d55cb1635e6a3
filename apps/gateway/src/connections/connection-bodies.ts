import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ProviderRegistry } from '@app/providers';

const PROVIDERS = new ProviderRegistry().all().map((d) => d.name);

export class CreateConnectionBody {
  @IsIn(PROVIDERS, { message: `provider must be one of: ${PROVIDERS.join(', ')}` })
  provider!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** Your own id for the end user (customer) this connection belongs to; filter with `?external_id=`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  external_id?: string;

  /** Settings the provider's definition declares (GET /integrations lists them). */
  @IsObject()
  settings!: Record<string, string>;

  /** Provider credentials; stored encrypted and never returned. */
  @IsObject()
  credentials!: Record<string, string>;

  /**
   * `credentials` (default): the definition's credential form. `app_installation`: the credentials of the
   * provider's app installation method (a GitHub App's `app_id`, `private_key`, optional
   * `installation_id`); the gateway mints its first token before storing, and renews it. OAuth 2.0
   * connections are made through the hosted connect page.
   */
  @IsOptional()
  @IsIn(['credentials', 'app_installation'], {
    message: 'auth_method must be credentials or app_installation',
  })
  auth_method?: 'credentials' | 'app_installation';

  /**
   * Register the provider's webhook pointing at our ingest now (where its API allows: GitHub, Zendesk),
   * then check it every WEBHOOK_CHECK_INTERVAL_SECONDS; `webhook_status` on the connection says how it fares.
   */
  @IsOptional()
  @IsBoolean()
  register_webhook?: boolean;

  /** The secret the provider signs webhooks with; one is issued when absent. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  webhook_secret?: string;
}

export class UpdateConnectionBody {
  /** Your own id for the end user (customer) this connection belongs to; filter with `?external_id=`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  external_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsObject()
  settings?: Record<string, string>;

  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;

  @IsOptional()
  @IsString()
  @MinLength(8)
  webhook_secret?: string;
}

export class ConnectionIdParam {
  @IsString()
  @IsNotEmpty()
  id!: string;
}
