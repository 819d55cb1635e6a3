import { AzureDevopsEmulator } from './azure-devops-emulator';
import { ADO_SEED_PAT } from './seed';

const emulator = new AzureDevopsEmulator();
const basic = (pat: string) => `Basic ${Buffer.from(`:${pat}`).toString('base64')}`;
const call = (path: string, init: RequestInit = {}, pat = ADO_SEED_PAT) =>
  fetch(`${emulator.url}/fabrikam${path}`, {
    ...init,
    headers: { authorization: basic(pat), 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
// Answers are read field by field as the assertions need them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (answer: Response) => [answer.status, (await answer.json()) as Json] as const;
const P = '/Fabrikam-Fiber/_apis/wit';

describe('AzureDevopsEmulator (Azure DevOps REST 7.1 on the wire)', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('refuses a wrong personal access token with a bare 401, a call without api-version with a 400', async () => {
    expect((await call(`${P}/tags?api-version=7.1`, {}, 'nope')).status).toBe(401);
    const [status, body] = await json(await call(`${P}/tags`));
    expect([status, body.typeKey]).toEqual([400, 'VssVersionNotSpecifiedException']);
    const [previewStatus, preview] = await json(await call(`${P}/workItems/1/comments?api-version=7.1`));
    expect([previewStatus, preview.typeKey]).toEqual([400, 'VssInvalidPreviewVersionException']);
    const [missing, project] = await json(await call('/Nope/_apis/wit/tags?api-version=7.1'));
    expect([missing, project.typeKey]).toEqual([404, 'ProjectDoesNotExistWithNameException']);
  });

  it('answers WIQL with ids only, then reads them in batches of at most 200', async () => {
    const wiql = await json(
      await call('/Fabrikam-Fiber/Fabrikam-Fiber%20Team/_apis/wit/wiql?api-version=7.1', {
        method: 'POST',
        body: JSON.stringify({ query: 'Select [System.Id] From WorkItems Order By [System.Id] Asc' }),
      }),
    );
    expect(wiql[1].workItems.map((w: { id: number }) => w.id)).toEqual([1, 2, 3, 4, 5, 6]);
    const timed = await call('/Fabrikam-Fiber/x/_apis/wit/wiql?api-version=7.1', {
      method: 'POST',
      body: JSON.stringify({
        query: "Select [System.Id] From WorkItems Where [System.ChangedDate] >= '2025-01-01T00:00:00Z'",
      }),
    });
    expect(timed.status).toBe(400); // a time needs timePrecision=true
    const [, batch] = await json(
      await call(`${P}/workitemsbatch?api-version=7.1`, {
        method: 'POST',
        body: JSON.stringify({ ids: [2, 99], errorPolicy: 'omit' }),
      }),
    );
    expect([batch.count, batch.value[0].fields['System.Title'], batch.value[1]]).toEqual([
      2,
      'Change plan from the billing page',
      null,
    ]);
    const tooMany = await call(`${P}/workitemsbatch?api-version=7.1`, {
      method: 'POST',
      body: JSON.stringify({ ids: Array.from({ length: 201 }, (_, i) => i + 1) }),
    });
    expect(tooMany.status).toBe(400);
  });

  it('writes work items with JSON Patch only, under the type’s rules', async () => {
    const patch = (ops: unknown[]) => ({
      body: JSON.stringify(ops),
      headers: { 'content-type': 'application/json-patch+json' },
    });
    const [created, item] = await json(
      await call(`${P}/workitems/$Task?api-version=7.1`, {
        method: 'POST',
        ...patch([
          { op: 'add', path: '/fields/System.Title', value: 'Patched' },
          { op: 'add', path: '/fields/System.Tags', value: 'zeta; alpha' },
          { op: 'add', path: '/fields/System.IterationId', value: 22 },
        ]),
      }),
    );
    expect([created, item.fields['System.Tags'], item.fields['System.IterationPath'], item.rev]).toEqual([
      200,
      'alpha; zeta',
      'Fabrikam-Fiber\\Sprint 2',
      1,
    ]);
    const [badState, refused] = await json(
      await call(`${P}/workitems/${item.id}?api-version=7.1`, {
        method: 'PATCH',
        ...patch([{ op: 'add', path: '/fields/System.State', value: 'Resolved' }]), // Tasks have no Resolved
      }),
    );
    expect([badState, refused.typeKey]).toEqual([400, 'RuleValidationException']);
    const [unknownType] = await json(
      await call(`${P}/workitems/$Epic?api-version=7.1`, { method: 'POST', ...patch([]) }),
    );
    expect(unknownType).toBe(404);
    const [deleted, receipt] = await json(
      await call(`${P}/workitems/${item.id}?api-version=7.1`, { method: 'DELETE' }),
    );
    expect([deleted, receipt.code]).toEqual([200, 200]);
  });

  it('pages comments with continuationToken and lists teams as {count, value} with $top/$skip', async () => {
    const [, first] = await json(await call(`${P}/workItems/1/comments?api-version=7.1-preview.4&$top=2`));
    expect([first.totalCount, first.count, typeof first.continuationToken]).toEqual([3, 2, 'string']);
    const [, rest] = await json(
      await call(
        `${P}/workItems/1/comments?api-version=7.1-preview.4&$top=2&continuationToken=${first.continuationToken}`,
      ),
    );
    expect([rest.count, rest.continuationToken]).toEqual([1, undefined]);
    const [, teams] = await json(
      await call('/_apis/projects/Fabrikam-Fiber/teams?api-version=7.1&$top=1&$skip=1'),
    );
    expect([teams.count, teams.value[0].name]).toEqual([1, 'Quality assurance']);
  });

  it('answers 429 with its RequestBlockedException body and X-RateLimit headers', async () => {
    emulator.injectFault(emulator.rateLimitFault(3, 1));
    const limited = await call(`${P}/tags?api-version=7.1`);
    expect([
      limited.status,
      limited.headers.get('retry-after'),
      limited.headers.get('x-ratelimit-resource'),
    ]).toEqual([429, '3', 'ATCPU']);
    expect(((await limited.json()) as { typeKey: string }).typeKey).toBe('RequestBlockedException');
  });
});
