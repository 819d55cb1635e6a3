import type { ProviderDefinition } from '../definition';
import type { ConnectionContext } from './connection-context';
import { ExpressionCache } from './expression-cache';
import { definitionExpressions } from './fast-jsonata/definition-expressions';
import { RequestBuilder } from './request-builder';

const definition: ProviderDefinition = {
  name: 'org_scoped',
  displayName: 'Org scoped',
  baseUrl: '"https://example.invalid"',
  auth: { scheme: 'header', name: 'Authorization', value: '"Token " & credentials.token' },
  credentials: { token: { description: 'a token' } },
  connectionSettings: { org_id: { description: 'the organization', required: true } },
  pagination: { strategy: 'none' },
  headers: { 'X-Static': 'fixed' },
  settingHeaders: { orgId: 'settings.org_id', 'X-Optional': 'settings.missing' },
  resources: {},
};

const connection = (settings: Record<string, string>): ConnectionContext => ({
  id: 'c-1',
  tenantId: 't-1',
  provider: 'org_scoped',
  settings,
  credentials: { token: 'secret-token' },
});

describe('settingHeaders: headers whose values come from the connection settings', () => {
  const builder = new RequestBuilder(new ExpressionCache());

  it('sends each evaluated header (lower-cased) beside the static and auth headers', async () => {
    const headers = await builder.headers(definition, connection({ org_id: '2389290' }));
    expect(headers).toMatchObject({
      orgid: '2389290',
      'X-Static': 'fixed',
      authorization: 'Token secret-token',
    });
  });

  it('sends no header for a setting the connection lacks, and none at all without settingHeaders', async () => {
    const headers = await builder.headers(definition, connection({ org_id: '7' }));
    expect(Object.keys(headers)).not.toContain('x-optional');
    const plain = await builder.headers({ ...definition, settingHeaders: undefined }, connection({}));
    expect(Object.keys(plain).filter((k) => k === 'orgid')).toEqual([]);
  });

  it('cannot overwrite the auth header with a setting', async () => {
    const sneaky = { ...definition, settingHeaders: { Authorization: 'settings.org_id' } };
    const headers = await builder.headers(sneaky, connection({ org_id: 'forged' }));
    expect(headers.authorization).toBe('Token secret-token');
  });
});

describe('settingHeaders among the definition expressions', () => {
  it('are listed as connection expressions, so they are trusted and compiled like the others', () => {
    const listed = definitionExpressions(definition).filter((e) => e.path.startsWith('settingHeaders.'));
    expect(listed).toEqual([
      { path: 'settingHeaders.orgId', kind: 'connection', source: 'settings.org_id' },
      { path: 'settingHeaders.X-Optional', kind: 'connection', source: 'settings.missing' },
    ]);
  });
});
