import { PlatformSettings } from '@app/config';
import { IsIn, IsInt, IsString, Matches, Min } from 'class-validator';

/**
 * The delivery policy both sides apply: the gateway when it validates a subscription URL and
 * rotates a secret, the dispatcher when it connects. One class, so the two cannot disagree; an app
 * that needs it extends it instead of PlatformSettings.
 */
export class DeliveryPolicySettings extends PlatformSettings {
  /** `true` lets subscriptions use plain http (local development and tests); https otherwise. */
  @IsIn(['true', 'false'], { message: 'DISPATCH_ALLOW_HTTP must be true or false' })
  DISPATCH_ALLOW_HTTP: 'true' | 'false' = 'false';

  /**
   * Hosts exempt from the private-address (SSRF) check, exactly as written in subscription URLs,
   * comma-separated (e.g. `127.0.0.1,localhost` for subscribers on loopback). Empty by default.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9.:\-[\]]*(,[A-Za-z0-9.:\-[\]]*)*$/, {
    message: 'DISPATCH_ALLOWED_HOSTS must be a comma-separated list of host names or IP addresses',
  })
  DISPATCH_ALLOWED_HOSTS: string = '';

  /** After a rotation the previous secret keeps signing this long, so receivers can switch over. */
  @IsInt()
  @Min(0)
  DISPATCH_SECRET_ROTATION_WINDOW_MS: number = 24 * 60 * 60 * 1000;
}

export interface DestinationPolicy {
  allowHttp: boolean;
  /** Lower-case host names and IP addresses (IPv6 without brackets). */
  allowedHosts: ReadonlySet<string>;
}

export function destinationPolicyOf(settings: DeliveryPolicySettings): DestinationPolicy {
  return {
    allowHttp: settings.DISPATCH_ALLOW_HTTP === 'true',
    allowedHosts: new Set(
      settings.DISPATCH_ALLOWED_HOSTS.split(',')
        .map(normalizeHost)
        .filter((h) => h !== ''),
    ),
  };
}

/**
 * The form allowlist entries and URL hosts are compared in: what WHATWG URL parsing makes of the
 * host (lower case, IPv6 compressed, `0x7f.1` → `127.0.0.1`), without IPv6 brackets.
 */
export function normalizeHost(host: string): string {
  const bare = host.trim().replace(/^\[|\]$/g, '');
  if (bare === '') return '';
  try {
    return new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return bare.toLowerCase();
  }
}
