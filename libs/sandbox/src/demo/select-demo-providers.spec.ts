import type { DemoProvider } from './demo-provider';
import { selectDemoProviders, UnknownDemoProviderError } from './select-demo-providers';

const demo = (provider: string) => ({ provider }) as DemoProvider;
const ALL = [demo('github'), demo('jira'), demo('zendesk')];
const names = (selected: DemoProvider[]) => selected.map((d) => d.provider);

describe('selectDemoProviders', () => {
  it('runs every demo provider when nothing is chosen', () => {
    expect(names(selectDemoProviders(ALL, ''))).toEqual(['github', 'jira', 'zendesk']);
    expect(names(selectDemoProviders(ALL, ' , '))).toEqual(['github', 'jira', 'zendesk']);
  });

  it('runs the chosen ones in the demo order, whatever the spacing and case', () => {
    expect(names(selectDemoProviders(ALL, ' Zendesk,github '))).toEqual(['github', 'zendesk']);
  });

  it('refuses a name that is no demo provider, naming it and the known ones', () => {
    expect(() => selectDemoProviders(ALL, 'github,jria')).toThrow(UnknownDemoProviderError);
    expect(() => selectDemoProviders(ALL, 'github,jria')).toThrow(
      'SANDBOX_PROVIDERS names no demo provider: jria (known: github, jira, zendesk)',
    );
  });
});
