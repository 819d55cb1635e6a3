import type { ProviderDefinition, WebhookRegistrationDefinition } from '../definition';
import type { AuthMethod, ConnectionContext } from '../engine/connection-context';
import { ProviderNotFoundError } from '../engine/errors';
import { MappingError } from '../engine/expression-cache';
import type { ProviderClient } from '../engine/provider-client';
import type { ProviderRegistry } from '../registry';

export interface RegisteredWebhook {
  hookId: string;
  /** The secret deliveries will be signed with: ours, or the one the provider chose (Zendesk). */
  secret: string;
}

/**
 * Registers, checks and removes a connection's webhook at the provider, as its definition's
 * `webhooks.registration` describes: requests built from JSONata over `{settings, url, secret, hookId}`,
 * sent with the connection's credentials through the engine (retries, errors, token refresh).
 */
export class WebhookRegistrar {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly client: ProviderClient,
  ) {}

  /** Whether the provider (and, given one, a connection of this auth method) can register webhooks. */
  supports(provider: string, authMethod?: AuthMethod): boolean {
    const registration = this.registry.has(provider)
      ? this.registry.get(provider).webhooks?.registration
      : undefined;
    if (!registration) return false;
    return !registration.onlyFor || authMethod === undefined || registration.onlyFor.includes(authMethod);
  }

  async register(
    connection: ConnectionContext,
    target: { url: string; secret: string },
  ): Promise<RegisteredWebhook> {
    const { definition, registration } = this.of(connection);
    const input = { settings: connection.settings, url: target.url, secret: target.secret };
    const created = await this.client.request(connection, {
      method: registration.create.method ?? 'POST',
      path: await this.text(definition, registration.create.path, input),
      body: await this.client.expressions.evaluate(registration.create.body, input),
    });
    const hookId = await this.client.expressions.evaluate(registration.create.hookId, { body: created.body });
    if (hookId === undefined || hookId === null || hookId === '')
      throw new MappingError(`${definition.name} webhook registration answered no hook id`);
    if (!registration.secret) return { hookId: String(hookId), secret: target.secret };
    const withId = { ...input, hookId: String(hookId) };
    const answer = await this.client.request(connection, {
      method: 'GET',
      path: await this.text(definition, registration.secret.path, withId),
    });
    const secret = await this.client.expressions.evaluate(registration.secret.value, { body: answer.body });
    if (typeof secret !== 'string' || secret === '')
      throw new MappingError(`${definition.name} answered no signing secret for webhook ${String(hookId)}`);
    return { hookId: String(hookId), secret };
  }

  /** Whether the hook is still there (someone may have deleted it at the provider). */
  async exists(connection: ConnectionContext, hookId: string): Promise<boolean> {
    const { definition, registration } = this.of(connection);
    const input = { settings: connection.settings, hookId };
    const path = await this.text(definition, registration.get.path, input);
    try {
      const answer = await this.client.request(connection, { method: 'GET', path });
      if (registration.get.found === undefined) return true;
      const found = await this.client.expressions.evaluate(registration.get.found, {
        body: answer.body,
        hookId,
      });
      return found === true;
    } catch (error) {
      if (error instanceof ProviderNotFoundError) return false;
      throw error;
    }
  }

  /** Removes the hook; false when it was already gone. */
  async remove(connection: ConnectionContext, hookId: string): Promise<boolean> {
    const { definition, registration } = this.of(connection);
    const input = { settings: connection.settings, hookId };
    const path = await this.text(definition, registration.remove.path, input);
    const body = registration.remove.body
      ? await this.client.expressions.evaluate(registration.remove.body, input)
      : undefined;
    try {
      await this.client.request(connection, { method: 'DELETE', path, body });
      return true;
    } catch (error) {
      if (error instanceof ProviderNotFoundError) return false;
      throw error;
    }
  }

  /** Extends the life of a hook that expires (nothing for providers whose hooks do not). */
  async renew(connection: ConnectionContext, hookId: string): Promise<void> {
    const { definition, registration } = this.of(connection);
    if (!registration.renew) return;
    const input = { settings: connection.settings, hookId };
    await this.client.request(connection, {
      method: registration.renew.method,
      path: await this.text(definition, registration.renew.path, input),
      body: await this.client.expressions.evaluate(registration.renew.body, input),
    });
  }

  private of(connection: ConnectionContext): {
    definition: ProviderDefinition;
    registration: WebhookRegistrationDefinition;
  } {
    const definition = this.registry.get(connection.provider);
    const registration = definition.webhooks?.registration;
    if (!registration) throw new MappingError(`${definition.name} declares no webhook registration`);
    return { definition, registration };
  }

  private async text(definition: ProviderDefinition, source: string, input: Record<string, unknown>) {
    const value = await this.client.expressions.evaluate(source, input);
    if (typeof value !== 'string' || !value.startsWith('/'))
      throw new MappingError(`${definition.name} webhook registration path is not a path: ${String(value)}`);
    return value;
  }
}
