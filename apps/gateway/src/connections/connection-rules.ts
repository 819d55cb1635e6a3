import type { CredentialDefinition, ProviderDefinition } from '@app/providers';

/** The one setting every provider accepts: where its API is (self-hosted instances, sandbox emulators). */
export const BASE_URL_SETTING = 'base_url';

/**
 * Checks a connection's settings and credentials against what its provider definition declares, and a
 * `base_url` against the allowlist, so a connection cannot be aimed at our own network. Returns problems.
 * `fields`: the credentials of the method used (the definition's own form, or its app installation's).
 */
export function connectionProblems(
  definition: ProviderDefinition,
  input: { settings?: Record<string, unknown>; credentials?: Record<string, unknown> },
  baseUrlAllowlist: readonly string[],
  partial = false,
  fields: Record<string, CredentialDefinition> = definition.credentials,
): string[] {
  const problems: string[] = [];
  if (input.settings) {
    for (const [name, rule] of Object.entries(definition.connectionSettings)) {
      const value = input.settings[name];
      if (value === undefined) {
        if (rule.required && !partial) problems.push(`settings.${name} is required: ${rule.description}`);
      } else if (typeof value !== 'string' || (rule.pattern && !new RegExp(rule.pattern).test(value))) {
        problems.push(`settings.${name} is not valid: ${rule.description}`);
      }
    }
    for (const name of Object.keys(input.settings)) {
      if (name !== BASE_URL_SETTING && !(name in definition.connectionSettings)) {
        problems.push(`settings.${name} is not a setting of ${definition.name}`);
      }
    }
    const baseUrl = input.settings[BASE_URL_SETTING];
    if (baseUrl !== undefined) problems.push(...baseUrlProblems(baseUrl, baseUrlAllowlist));
  }
  if (input.credentials) {
    for (const [name, rule] of Object.entries(fields)) {
      const value = input.credentials[name];
      if (value === undefined && !partial && !rule.optional)
        problems.push(`credentials.${name} is required: ${rule.description}`);
      else if (value !== undefined && (typeof value !== 'string' || value === ''))
        problems.push(`credentials.${name} must be a non-empty string`);
      else if (value !== undefined && rule.pattern && !new RegExp(rule.pattern).test(value))
        problems.push(`credentials.${name} is not valid: ${rule.description}`);
    }
    for (const name of Object.keys(input.credentials)) {
      if (!(name in fields)) problems.push(`credentials.${name} is not a credential of ${definition.name}`);
    }
  }
  return problems;
}

function baseUrlProblems(value: unknown, allowlist: readonly string[]): string[] {
  if (typeof value !== 'string') return ['settings.base_url must be a URL'];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ['settings.base_url must be a URL'];
  }
  if (!['http:', 'https:'].includes(url.protocol)) return ['settings.base_url must be http(s)'];
  if (!allowlist.includes(url.host) && !allowlist.includes(url.hostname)) {
    return [`settings.base_url host ${url.host} is not in PROVIDER_BASE_URL_ALLOWLIST`];
  }
  return [];
}

/** PROVIDER_BASE_URL_ALLOWLIST as a list of hosts. */
export function baseUrlAllowlist(config: { PROVIDER_BASE_URL_ALLOWLIST: string }): string[] {
  return config.PROVIDER_BASE_URL_ALLOWLIST.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}
