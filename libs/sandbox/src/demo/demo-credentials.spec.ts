import { ProviderRegistry } from '@app/providers';
import { DEMO_PROVIDERS } from './index';

// The demo writes its connections straight into the store, past the gateway's checks: this is where a
// credential pattern that would refuse a realistic value (the emulators' seeds mimic the real formats) or
// a credential the form would not ask for shows up.
describe('demo credentials against the provider definitions', () => {
  const registry = new ProviderRegistry();

  it.each(DEMO_PROVIDERS.map((d) => [d.provider, d] as const))(
    '%s: the form asks for exactly the demo credentials and every pattern accepts them',
    (_name, demo) => {
      const definition = registry.get(demo.provider);
      expect(Object.keys(demo.credentials).sort()).toEqual(Object.keys(definition.credentials).sort());
      for (const [name, rule] of Object.entries(definition.credentials)) {
        if (rule.pattern) expect(demo.credentials[name]).toMatch(new RegExp(rule.pattern));
      }
    },
  );

  it('a token pattern refuses what a paste can bring along (spaces, line breaks)', () => {
    const pattern = new RegExp(registry.get('monday').credentials.api_token.pattern ?? '');
    expect('eyJhbGciOiJIUzI1NiJ9.abc').toMatch(pattern);
    expect(' eyJhbGciOiJIUzI1NiJ9.abc').not.toMatch(pattern);
    expect('eyJhbGciOiJIUzI1NiJ9.abc\n').not.toMatch(pattern);
  });

  it('every credential field of every provider and method has a label the connect form shows', () => {
    const unlabelled = registry
      .all()
      .flatMap((d) =>
        [...Object.entries(d.credentials), ...Object.entries(d.appInstallation?.credentials ?? {})].map(
          ([name, rule]) => [`${d.name}.${name}`, rule.label] as const,
        ),
      )
      .filter(([, label]) => !label)
      .map(([name]) => name);
    expect(unlabelled).toEqual([]);
  });
});
