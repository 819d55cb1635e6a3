import { corpusFiles } from '../corpus';
import { GithubEmulator } from './github-emulator';
import { GITHUB_SEED_LAST_NUMBER, GITHUB_SEED_PULL_REQUESTS, GITHUB_SEED_TOKEN } from './seed';

type Json = Record<string, unknown>;

describe('GithubEmulator REST API', () => {
  const emulator = new GithubEmulator({ now: () => new Date('2026-03-01T12:00:00.000Z') });
  let base: string;
  const auth = { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, accept: 'application/vnd.github+json' };
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { ...auth, 'content-type': 'application/json', ...init.headers },
    });
  const json = async (path: string, init?: RequestInit) => (await (await call(path, init)).json()) as Json;
  const repo = '/repos/octo-org/tracker';

  beforeAll(async () => {
    base = await emulator.start();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('answers a missing or wrong token with GitHub 401 bodies', async () => {
    const missing = await fetch(`${base}${repo}/issues`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    for (const header of ['Bearer ghp_wrong', 'token ghp_wrong']) {
      const wrong = await fetch(`${base}${repo}/issues`, { headers: { authorization: header } });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ message: 'Bad credentials', status: '401' });
    }
    // The legacy `token` scheme is accepted like Bearer.
    expect(
      (await fetch(`${base}${repo}`, { headers: { authorization: `token ${GITHUB_SEED_TOKEN}` } })).status,
    ).toBe(200);
  });

  it('answers unknown issues, repositories and routes with 404 Not Found', async () => {
    for (const path of [
      `${repo}/issues/999`,
      '/repos/octo-org/nope/issues',
      `${repo}/labels/nope`,
      '/nowhere',
    ]) {
      const response = await call(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });
    }
  });

  it('rejects invalid writes with 422 bodies and malformed JSON with 400', async () => {
    const noTitle = await call(`${repo}/issues`, { method: 'POST', body: JSON.stringify({ body: 'x' }) });
    expect(noTitle.status).toBe(422);
    expect(((await noTitle.json()) as Json).message).toBe('Invalid request.\n\n"title" wasn\'t supplied.');

    const badAssignee = await call(`${repo}/issues`, {
      method: 'POST',
      body: JSON.stringify({ title: 't', assignees: ['nobody'], milestone: 99 }),
    });
    expect(badAssignee.status).toBe(422);
    expect(await badAssignee.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [
        { value: 'nobody', resource: 'Issue', field: 'assignees', code: 'invalid' },
        { value: 99, resource: 'Issue', field: 'milestone', code: 'invalid' },
      ],
      status: '422',
    });

    const duplicate = await call(`${repo}/labels`, { method: 'POST', body: JSON.stringify({ name: 'BUG' }) });
    expect(await duplicate.json()).toMatchObject({
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
    });

    const malformed = await call(`${repo}/issues`, { method: 'POST', body: '{"title": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Json).message).toBe('Problems parsing JSON');
  });

  it('pages issues with Link headers through /repositories/{id}, pull requests included', async () => {
    const seen: number[] = [];
    let next: string | undefined = `${base}${repo}/issues?state=all&per_page=10`;
    const links: string[] = [];
    while (next) {
      const response = await fetch(next, { headers: auth });
      const page = (await response.json()) as Json[];
      seen.push(...page.map((i) => i.number as number));
      const link = response.headers.get('link') ?? '';
      links.push(link);
      next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    }
    expect(seen).toHaveLength(GITHUB_SEED_LAST_NUMBER);
    expect(new Set(seen).size).toBe(GITHUB_SEED_LAST_NUMBER);
    expect(seen[0]).toBe(GITHUB_SEED_LAST_NUMBER); // newest first by default
    expect(links).toHaveLength(4);
    expect(links[0]).toMatch(/\/repositories\/7000001\/issues\?state=all&per_page=10&page=2>; rel="next"/);
    expect(links[0]).toMatch(/page=4>; rel="last"/);
    expect(links[3]).toMatch(/rel="prev".*rel="first"/);
    expect(links[3]).not.toMatch(/rel="next"/);
  });

  it('lists open issues by default, honours since (inclusive) and caps per_page at 100', async () => {
    const open = (await (await call(`${repo}/issues?per_page=100`)).json()) as Json[];
    expect(open.every((i) => i.state === 'open')).toBe(true);
    const all = (await (await call(`${repo}/issues?state=all&per_page=500`)).json()) as Json[];
    expect(all).toHaveLength(GITHUB_SEED_LAST_NUMBER);
    expect(
      all
        .filter((i) => i.pull_request)
        .map((i) => i.number)
        .sort(),
    ).toEqual([...GITHUB_SEED_PULL_REQUESTS].sort());
    const pivot = all.find((i) => i.number === 30) as Json;
    const since = (await (
      await call(`${repo}/issues?state=all&per_page=100&since=${pivot.updated_at}`)
    ).json()) as Json[];
    expect(since.map((i) => i.number)).toContain(30);
    expect(since.every((i) => (i.updated_at as string) >= (pivot.updated_at as string))).toBe(true);
  });

  it('signals an exhausted primary limit with 403 and a secondary limit with 429 + retry-after', async () => {
    const ok = await call(repo);
    expect(Number(ok.headers.get('x-ratelimit-limit'))).toBe(5000);
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBe(4999);
    const reset = Number(ok.headers.get('x-ratelimit-reset'));
    expect(reset).toBe(Date.parse('2026-03-01T13:00:00Z') / 1000);

    emulator.exhaustRateLimit();
    const limited = await call(repo);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-used')).toBe('5000');
    expect(((await limited.json()) as Json).message).toMatch(/^API rate limit exceeded for user ID 1001\./);

    emulator.reset();
    emulator.secondaryRateLimit(1, 7);
    const secondary = await call(repo);
    expect(secondary.status).toBe(429);
    expect(secondary.headers.get('retry-after')).toBe('7');
    expect(((await secondary.json()) as Json).message).toMatch(/secondary rate limit/);
    expect((await call(repo)).status).toBe(200);
  });

  it('renders issues, comments and the repository with every key of the recorded responses', async () => {
    const [recordedIssues, recordedComments] = [
      'list-repo-issues.page1.json',
      'list-issue-comments.json',
    ].map((name) => corpusFiles('github', 'rest').find((f) => f.name === name)!.json as Json[]);
    const issues = (await (await call(`${repo}/issues?state=all`)).json()) as Json[];
    const comments = (await (await call(`${repo}/issues/comments`)).json()) as Json[];
    const keysOf = (o: unknown) => Object.keys(o as Json).sort();
    expect(keysOf(issues[0])).toEqual(expect.arrayContaining(keysOf(recordedIssues[0])));
    expect(keysOf(issues[0].user)).toEqual(expect.arrayContaining(keysOf(recordedIssues[0].user)));
    expect(keysOf(issues[0].reactions)).toEqual(keysOf(recordedIssues[0].reactions));
    expect(keysOf(comments[0])).toEqual(expect.arrayContaining(keysOf(recordedComments[0])));
    const webhook = corpusFiles('github', 'webhooks').find((f) => f.name === 'issues.labeled.json')!
      .json as Json;
    const repository = await json(repo);
    expect(keysOf(repository)).toEqual(expect.arrayContaining(keysOf(webhook.repository)));
    const labelled = issues.find((i) => (i.labels as Json[]).length > 0) as Json;
    expect(keysOf((labelled.labels as Json[])[0])).toEqual(keysOf(webhook.label));
    expect(typeof issues[0].id).toBe('number');
    expect(issues[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('creates, updates and closes an issue; unknown labels are created on the fly', async () => {
    const created = await call(`${repo}/issues`, {
      method: 'POST',
      body: JSON.stringify({
        title: 'New',
        body: 'b',
        assignees: ['monalisa'],
        labels: ['bug', 'brand-new'],
        milestone: 2,
        type: 'bug',
      }),
    });
    expect(created.status).toBe(201);
    const issue = (await created.json()) as Json;
    expect(created.headers.get('location')).toBe(`${base}${repo}/issues/${issue.number}`);
    expect(issue).toMatchObject({
      number: GITHUB_SEED_LAST_NUMBER + 1,
      state: 'open',
      created_at: '2026-03-01T12:00:00Z',
    });
    expect((issue.labels as Json[]).map((l) => l.name)).toEqual(['bug', 'brand-new']);
    expect((issue.type as Json).name).toBe('Bug');
    expect(await json(`${repo}/labels/brand-new`)).toMatchObject({ color: 'ededed', default: false });

    const closed = await json(`${repo}/issues/${issue.number}`, {
      method: 'PATCH',
      body: JSON.stringify({ state: 'closed', state_reason: 'not_planned', milestone: null, assignees: [] }),
    });
    expect(closed).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      milestone: null,
      assignees: [],
    });
    expect(closed.closed_at).toBe('2026-03-01T12:00:00Z');
    const reopened = await json(`${repo}/issues/${issue.number}`, {
      method: 'PATCH',
      body: '{"state":"open"}',
    });
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('lists sub-issues and exposes parent_issue_url and the summary', async () => {
    const children = (await (await call(`${repo}/issues/1/sub_issues`)).json()) as Json[];
    expect(children.map((c) => c.number)).toEqual([2, 3, 4]);
    expect(children[0].parent_issue_url).toBe(`${base}${repo}/issues/1`);
    expect((await json(`${repo}/issues/1`)).sub_issues_summary).toMatchObject({ total: 3 });
  });

  it('answers 410 Gone for an issue deleted in the web UI', async () => {
    emulator.deleteIssue(3);
    const gone = await call(`${repo}/issues/3`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as Json).message).toBe('This issue was deleted');
  });
});
