import type { ProviderDefinition } from '../../definition';

/** What an expression is evaluated over, per the definition format (definition.ts). */
export type ExpressionKind =
  'connection' | 'request' | 'response' | 'record' | 'webhook' | 'rate-limit' | 'error';

export interface DefinitionExpression {
  /** Where it sits, e.g. `resources.tickets.record`. */
  path: string;
  kind: ExpressionKind;
  source: string;
}

/**
 * Every JSONata field of a definition, by the format's types. A field the format gains later is simply
 * not listed (it stays interpreted) until it is added here.
 */
export function definitionExpressions(definition: ProviderDefinition): DefinitionExpression[] {
  const found: DefinitionExpression[] = [];
  const add = (path: string, kind: ExpressionKind, source: string | undefined) => {
    if (typeof source === 'string') found.push({ path, kind, source });
  };
  add('baseUrl', 'connection', definition.baseUrl);
  const auth = definition.auth;
  switch (auth.scheme) {
    case 'basic':
      add('auth.username', 'connection', auth.username);
      add('auth.password', 'connection', auth.password);
      break;
    case 'bearer':
    case 'oauth2':
      add('auth.token', 'connection', auth.token);
      break;
    case 'header':
      add('auth.value', 'connection', auth.value);
      break;
  }
  for (const [name, source] of Object.entries(definition.settingHeaders ?? {}))
    add(`settingHeaders.${name}`, 'connection', source);
  add('rateLimit.isRateLimited', 'rate-limit', definition.rateLimit?.isRateLimited);
  add('errorMessage', 'error', definition.errorMessage);
  for (const [name, resource] of Object.entries(definition.resources)) {
    add(`resources.${name}.record`, 'record', resource.record);
    for (const [methodName, method] of Object.entries(resource.methods ?? {})) {
      if (!method) continue;
      const at = `resources.${name}.methods.${methodName}`;
      add(`${at}.path`, 'request', method.path);
      add(`${at}.query`, 'request', method.query);
      add(`${at}.body`, 'request', method.body);
      add(`${at}.response`, 'response', method.response);
      (method.after ?? []).forEach((step, index) => {
        for (const part of ['when', 'path', 'query', 'body'] as const)
          add(`${at}.after.${index}.${part}`, 'request', step[part]);
      });
      for (const part of ['when', 'path', 'query', 'body'] as const)
        add(`${at}.details.${part}`, 'request', method.details?.[part]);
      add(`${at}.details.response`, 'response', method.details?.response);
    }
    resource.upload?.steps.forEach((step, index) => {
      for (const part of ['path', 'query', 'body'] as const)
        add(`resources.${name}.upload.steps.${index}.${part}`, 'request', step[part]);
    });
    add(`resources.${name}.upload.response`, 'response', resource.upload?.response);
    add(`resources.${name}.download.path`, 'request', resource.download?.path);
    add(`resources.${name}.download.query`, 'request', resource.download?.query);
    add(`resources.${name}.download.fromRecord`, 'response', resource.download?.fromRecord);
    const deleted = resource.poll?.deletedList;
    add(`resources.${name}.poll.deletedList.path`, 'request', deleted?.path);
    add(`resources.${name}.poll.deletedList.query`, 'request', deleted?.query);
    add(`resources.${name}.poll.deletedList.ids`, 'response', deleted?.ids);
    add(`resources.${name}.poll.compare`, 'record', resource.poll?.compare);
  }
  const webhooks = definition.webhooks;
  if (webhooks) {
    add('webhooks.ignore', 'webhook', webhooks.ignore);
    add('webhooks.deliveryId', 'webhook', webhooks.deliveryId);
    webhooks.events.forEach((event, index) => {
      for (const part of ['match', 'action', 'object', 'fetchId'] as const) {
        add(`webhooks.events.${index}.${part}`, 'webhook', event[part]);
      }
    });
  }
  return found;
}
