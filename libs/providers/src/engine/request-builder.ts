import type {
  AuthDefinition,
  FollowUpRequest,
  MethodDefinition,
  ProviderDefinition,
  UnifiedMethod,
} from '../definition';
import {
  overrideKey,
  resolveExpression,
  type ConnectionContext,
  type MappingOverrides,
} from './connection-context';
import { MissingQueryError, UnsupportedFilterError } from './errors';
import { ExpressionCache, MappingError } from './expression-cache';

export interface CallInput {
  id?: string;
  query: Record<string, unknown>;
  body?: unknown;
}

export interface BuiltRequest {
  baseUrl: string;
  path: string;
  params: Record<string, string>;
  body?: unknown;
}

const FILTERABLE = ['created_at', 'updated_at'] as const;

const OAUTH_BEARER: AuthDefinition = { scheme: 'bearer', token: 'credentials.access_token' };

/**
 * The auth of the connection's method: the definition's own, its OAuth one on an OAuth connection, the
 * minted token's bearer on an app installation.
 */
export function authOf(definition: ProviderDefinition, connection: ConnectionContext): AuthDefinition {
  if (connection.authMethod === 'app_installation') return OAUTH_BEARER;
  return connection.authMethod === 'oauth2' ? (definition.oauth2?.auth ?? OAUTH_BEARER) : definition.auth;
}

/** Evaluates a method's path, query and body expressions into a provider request. */
export class RequestBuilder {
  constructor(private readonly expressions: ExpressionCache) {}

  async baseUrl(definition: ProviderDefinition, connection: ConnectionContext): Promise<string> {
    // An OAuth connection may reach the API elsewhere (Atlassian: api.atlassian.com/ex/jira/<cloud id>);
    // that expression sees `settings.base_url` itself.
    const oauthBase = connection.authMethod === 'oauth2' ? definition.oauth2?.baseUrl : undefined;
    const url = oauthBase
      ? await this.expressions.evaluate(oauthBase, { settings: connection.settings })
      : (connection.settings.base_url ??
        (await this.expressions.evaluate(definition.baseUrl, { settings: connection.settings })));
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      throw new MappingError(`${definition.name} base URL is not an http(s) URL`);
    return url.replace(/\/+$/, '');
  }

  async build(
    definition: ProviderDefinition,
    resource: string,
    methodName: UnifiedMethod,
    method: MethodDefinition,
    connection: ConnectionContext,
    input: CallInput,
    overrides?: MappingOverrides,
  ): Promise<BuiltRequest> {
    const missing = (method.requiredQuery ?? []).filter(
      (name) => input.query[name] === undefined || input.query[name] === '',
    );
    if (missing.length > 0) throw new MissingQueryError(definition.name, resource, methodName, missing);
    this.checkFilters(definition.name, resource, method, input.query);

    const context = { id: input.id, query: input.query, body: input.body, settings: connection.settings };
    const bindings = { settings: connection.settings };
    const evaluate = (part: 'path' | 'query' | 'body', base?: string) => {
      const resolved = resolveExpression(base, overrideKey(resource, methodName, part), overrides);
      return resolved
        ? this.expressions.evaluate(resolved.source, context, bindings, resolved.owner)
        : Promise.resolve(undefined);
    };

    const path = await evaluate('path', method.path);
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new MappingError(
        `the ${resource}.${methodName} path of ${definition.name} is not a path: ${JSON.stringify(path)}`,
      );
    }
    const mappedQuery = (await evaluate('query', method.query)) ?? {};
    const remoteQuery = (input.query.remote_query ?? {}) as Record<string, unknown>;
    const body = await evaluate('body', method.body);
    return {
      baseUrl: await this.baseUrl(definition, connection),
      path,
      params: { ...toParams(mappedQuery), ...toParams(remoteQuery) },
      body,
    };
  }

  /**
   * A method's follow-up request (`after`), or undefined when its `when` does not hold. Its expressions
   * see the method's context plus `record` and `previous` (definition.ts `FollowUpRequest`).
   */
  async buildFollowUp(
    definition: ProviderDefinition,
    step: FollowUpRequest,
    connection: ConnectionContext,
    context: CallInput & { record: unknown; previous: unknown },
  ): Promise<BuiltRequest | undefined> {
    const input = { ...context, settings: connection.settings };
    const bindings = { settings: connection.settings };
    const evaluate = (source?: string) =>
      source === undefined ? undefined : this.expressions.evaluate(source, input, bindings);
    if (step.when !== undefined && (await evaluate(step.when)) !== true) return undefined;
    const path = await evaluate(step.path);
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw new MappingError(`a follow-up path of ${definition.name} is not a path: ${JSON.stringify(path)}`);
    return {
      baseUrl: await this.baseUrl(definition, connection),
      path,
      params: toParams(await evaluate(step.query)),
      body: await evaluate(step.body),
    };
  }

  /** Authorization and definition headers; credential values never leave this object. */
  async headers(
    definition: ProviderDefinition,
    connection: ConnectionContext,
  ): Promise<Record<string, string>> {
    return {
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'unified-ticketing',
      ...(definition.headers ?? {}),
      ...(await this.settingHeaders(definition, connection)),
      ...(await this.authHeader(authOf(definition, connection), connection)),
    };
  }

  /** `settingHeaders` evaluated over the connection's settings; an empty value sends no header. */
  private async settingHeaders(
    definition: ProviderDefinition,
    connection: ConnectionContext,
  ): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    for (const [name, source] of Object.entries(definition.settingHeaders ?? {})) {
      const value = await this.expressions.evaluate(source, { settings: connection.settings });
      if (value !== undefined && value !== null && value !== '') headers[name.toLowerCase()] = String(value);
    }
    return headers;
  }

  private async authHeader(
    auth: AuthDefinition,
    connection: ConnectionContext,
  ): Promise<Record<string, string>> {
    const input = { credentials: connection.credentials, settings: connection.settings };
    const value = async (source: string) => String((await this.expressions.evaluate(source, input)) ?? '');
    switch (auth.scheme) {
      case 'basic': {
        const pair = `${await value(auth.username)}:${await value(auth.password)}`;
        return { authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
      }
      case 'bearer':
      case 'oauth2':
        return { authorization: `Bearer ${await value(auth.token)}` };
      case 'header':
        return { [auth.name.toLowerCase()]: await value(auth.value) };
    }
  }

  private checkFilters(
    provider: string,
    resource: string,
    method: MethodDefinition,
    query: Record<string, unknown>,
  ): void {
    for (const field of FILTERABLE) {
      const filter = query[field];
      if (filter === undefined) continue;
      const supported = method.filters?.[field] ?? [];
      for (const operator of Object.keys(filter as object)) {
        if (!supported.includes(operator as never)) {
          throw new UnsupportedFilterError(
            provider,
            resource,
            `${field}[${operator}]`,
            supported.map((o) => `${field}[${o}]`),
          );
        }
      }
    }
  }
}

export function toParams(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const params: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    params[key] = Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return params;
}
