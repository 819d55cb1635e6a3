/** A tenant's link to one account of one provider. */
export interface Connection {
  id: string;
  tenantId: string;
  provider: string;
  /** Settings the provider definition declares (e.g. GitHub owner and repo). */
  settings: Record<string, string>;
  /** Provider credentials (API token, e-mail…). Only ever held decrypted in memory for a call. */
  credentials?: Record<string, string>;
  /** Secret the provider signs its webhooks with (or that we issued for providers that sign nothing). */
  webhookSecret?: string;
}

export interface ConnectionRepository {
  findById(id: string): Promise<Connection | undefined>;
}

export const CONNECTION_REPOSITORY = Symbol('ConnectionRepository');
