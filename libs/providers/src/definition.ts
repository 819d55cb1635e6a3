/**
 * The provider definition format. Everything a provider needs is data: connection settings, auth,
 * and JSONata mappings executed by the shared engine. A new provider is a new folder exporting one
 * `ProviderDefinition`; nothing else in the codebase changes.
 */
export type UnifiedMethod = 'list' | 'get' | 'create' | 'update' | 'delete';

export interface ConnectionSettingDefinition {
  description: string;
  required: boolean;
  /** A regular expression the value must match. */
  pattern?: string;
}

export interface ResourceDefinition {
  /**
   * JSONata mapping ONE provider object to the unified record (without `etag`/`remote_data`, which the
   * engine adds). Shared by REST responses and webhook events so both produce the same record.
   */
  record: string;
}

/** Verification schemes are implemented once in the engine and chosen here by name. */
export type WebhookVerification =
  | {
      scheme: 'hmac';
      algorithm: 'sha256' | 'sha1';
      /** Header holding the signature. */
      signatureHeader: string;
      /** Text before the signature in the header, e.g. `sha256=`. */
      prefix?: string;
      encoding: 'hex' | 'base64';
      /** What is signed, in order: the raw body and/or a header's value. */
      signedContent: ({ part: 'body' } | { part: 'header'; name: string })[];
      /** Where the provider signs a timestamp, the window it must fall within. */
      timestamp?: {
        header: string;
        format: 'iso8601' | 'unix-seconds' | 'unix-ms';
        toleranceSeconds: number;
      };
    }
  | { scheme: 'none' };

export interface WebhookEventMapping {
  /** What this mapping handles, for docs and DLQ reasons. */
  description: string;
  /** JSONata predicate over `{headers, body}`. The first matching mapping wins. */
  match: string;
  /** Unified resource the event is about (plural, as in the REST paths). */
  resource: string;
  /** JSONata over `{headers, body}` returning `created`, `updated` or `deleted`. */
  action: string;
  /** JSONata over `{headers, body}` selecting the provider object that `resources[resource].record` maps. */
  object: string;
}

export interface WebhookDefinition {
  verification: WebhookVerification;
  /** Header carrying the provider's delivery id; a hash of the body is used where it has none. */
  deliveryIdHeader?: string;
  /** JSONata predicate over `{headers, body}` for deliveries that carry no change (pings, excluded kinds). */
  ignore?: string;
  events: WebhookEventMapping[];
}

export interface ProviderDefinition {
  name: string;
  displayName: string;
  /** Settings a connection to this provider carries (e.g. owner and repo), validated when it is created. */
  connectionSettings: Record<string, ConnectionSettingDefinition>;
  resources: Record<string, ResourceDefinition>;
  webhooks?: WebhookDefinition;
}
