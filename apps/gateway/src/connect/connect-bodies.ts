import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ProviderRegistry } from '@app/providers';

const PROVIDERS = new ProviderRegistry().all().map((d) => d.name);

export class CreateConnectSessionBody {
  /** Providers the end user may choose from; all by default. */
  @IsOptional()
  @IsArray()
  @IsIn(PROVIDERS, {
    each: true,
    // Names the unknown ones, so a typo is found at a glance.
    message: (args) => {
      const unknown = (Array.isArray(args.value) ? (args.value as unknown[]) : [args.value]).filter(
        (p) => !PROVIDERS.includes(p as string),
      );
      return `unknown providers: ${unknown.map(String).join(', ')}; each must be one of: ${PROVIDERS.join(', ')}`;
    },
  })
  @ArrayMaxSize(100)
  providers?: string[];

  /** Your own id for the end user; the connection carries it (`external_id`). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  external_id?: string;

  /** Where the page sends the end user when done (its origin must be allowed: PUT /connect/settings). */
  @IsOptional()
  @Matches(/^https?:\/\/[!-~]+$/, { message: 'redirect_url must be an absolute http(s) URL' })
  @MaxLength(2000)
  redirect_url?: string;

  /** Re-authorise this existing connection instead of creating one. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  connection_id?: string;

  /** Per provider, settings you fix (e.g. `{"zendesk": {"subdomain": "acme"}}`); the end user is not asked for them. */
  @IsOptional()
  @IsObject()
  settings?: Record<string, Record<string, string>>;
}

export class ConnectSettingsBody {
  /** Origins (`https://app.example.com`) a session's redirect_url and pop-up opener may have. */
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(50)
  allowed_redirect_origins!: string[];
}

export class OAuthAppBody {
  /** Your OAuth app's client id at the provider (its consent screen shows your app). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  client_id!: string;

  /** Its client secret: stored encrypted, never returned. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  client_secret!: string;
}
