import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { connectGithubEmulator, createTenant, startGateway, type RunningGateway } from '../support/gateway';

const STRONG_ETAG = /^"[A-Za-z0-9_-]{22}"$/;

/**
 * Conditional requests through the gateway against the GitHub emulator: the etag a client read is checked
 * against the provider's current record before a write, and a record changed at the provider in between
 * is never overwritten.
 */
describe('gateway: ETag, If-None-Match and If-Match on the unified API', () => {
  const emulator = new GithubEmulator();
  const repo = `/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`;
  let gateway: RunningGateway;
  let key: string;
  let connection: string;
  /** Issues that are tickets (some of the seed's numbers are pull requests, which are not). */
  let ids: string[] = [];
  const as = (headers: Record<string, string> = {}, body?: unknown) => ({ key, headers, body });
  const one = (resource: string, id: string) =>
    `/unified/ticketing/${resource}/${id}?connection_id=${connection}`;
  /** A change made at the provider directly, as a user of GitHub would, not through the gateway. */
  const changeAtProvider = async (path: string, body: unknown) => {
    const answer = await fetch(`${emulator.url}${repo}${path}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(200);
  };
  const writesTo = (method: string, path: string) =>
    emulator.requests.filter((r) => r.method === method && r.url.split('?')[0] === `${repo}${path}`).length;

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway();
    ({ key } = await createTenant(gateway, 'conditional'));
    connection = await connectGithubEmulator(gateway, key, emulator.url);
    const page = await gateway.call(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection}&limit=20&fields=id`,
      {
        key,
      },
    );
    ids = page.body.result.map((t: { id: string }) => t.id).slice(0, 6);
    expect(ids).toHaveLength(6);
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  it('answers one record with a strong ETag, the record etag, the same whatever the fields asked', async () => {
    const got = await gateway.call('GET', one('tickets', ids[0]), as());
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toMatch(STRONG_ETAG);
    expect(got.headers.get('etag')).toBe(got.body.etag);
    const lean = await gateway.call('GET', `${one('tickets', ids[0])}&fields=name`, as());
    expect(lean.body).toEqual({ id: ids[0], name: got.body.name });
    expect(lean.headers.get('etag')).toBe(got.body.etag);
    const raw = await gateway.call('GET', `${one('tickets', ids[0])}&response_format=raw`, as());
    expect(raw.status).toBe(200);
    expect(raw.headers.get('etag')).toBeNull(); // the provider's body is not the unified record
  });

  it('answers 304 without a body to If-None-Match naming the current etag or *, 200 once it changed', async () => {
    const { headers } = await gateway.call('GET', one('tickets', ids[1]), as());
    const etag = headers.get('etag') as string;
    for (const condition of [etag, `"stale", ${etag}`, `W/${etag}`, '*']) {
      const cached = await gateway.call('GET', one('tickets', ids[1]), as({ 'if-none-match': condition }));
      expect([condition, cached.status, cached.text]).toEqual([condition, 304, '']);
      expect(cached.headers.get('etag')).toBe(etag);
    }
    await changeAtProvider(`/issues/${ids[1]}`, { title: `Renamed at GitHub ${Date.now()}` });
    const fresh = await gateway.call('GET', one('tickets', ids[1]), as({ 'if-none-match': etag }));
    expect(fresh.status).toBe(200);
    expect(fresh.body.name).toMatch(/^Renamed at GitHub/);
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(fresh.headers.get('etag')).toBe(fresh.body.etag);
    const malformed = await gateway.call('GET', one('tickets', ids[1]), as({ 'if-none-match': 'abc' }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/If-None-Match must be \*/);
  });

  it('refuses a PATCH with 412 when the record changed at the provider since it was read, writing nothing', async () => {
    const read = await gateway.call('GET', one('tickets', ids[2]), as());
    const etag = read.body.etag as string;
    await changeAtProvider(`/issues/${ids[2]}`, { title: 'Changed at GitHub in between' });
    const patchesBefore = writesTo('PATCH', `/issues/${ids[2]}`);

    const stale = await gateway.call(
      'PATCH',
      one('tickets', ids[2]),
      as({ 'if-match': etag }, { name: 'Mine' }),
    );
    expect(stale.status).toBe(412);
    const current = await gateway.call('GET', one('tickets', ids[2]), as());
    expect(stale.body).toEqual({
      statusCode: 412,
      error: 'Precondition Failed',
      message: expect.stringContaining('changed at the provider'),
      details: { resource: 'tickets', id: ids[2], current_etag: current.body.etag, if_match: [etag] },
    });
    expect(stale.headers.get('etag')).toBe(current.body.etag);
    expect(writesTo('PATCH', `/issues/${ids[2]}`)).toBe(patchesBefore); // nothing was sent to GitHub
    expect(current.body.name).toBe('Changed at GitHub in between');

    // With the current etag, the write goes through and answers the new version.
    const fresh = await gateway.call(
      'PATCH',
      one('tickets', ids[2]),
      as({ 'if-match': current.body.etag }, { name: 'Mine' }),
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.name).toBe('Mine');
    expect(fresh.headers.get('etag')).toBe(fresh.body.etag);
    expect(fresh.body.etag).not.toBe(current.body.etag);
    expect(writesTo('PATCH', `/issues/${ids[2]}`)).toBe(patchesBefore + 1);
    // The etag a write answers is the one the next read answers: it can be used for the next write.
    expect((await gateway.call('GET', one('tickets', ids[2]), as())).body.etag).toBe(fresh.body.etag);
  });

  it('treats If-Match: * as "exists", never matches a weak tag, and refuses malformed headers with 400', async () => {
    const star = await gateway.call(
      'PATCH',
      one('tickets', ids[3]),
      as({ 'if-match': '*' }, { name: 'Starred' }),
    );
    expect(star.status).toBe(200);
    const missing = await gateway.call(
      'PATCH',
      one('tickets', '99999'),
      as({ 'if-match': '*' }, { name: 'Nobody' }),
    );
    expect(missing.status).toBe(412);
    expect(missing.body.details).toMatchObject({ current_etag: null, if_match: '*' });
    expect(writesTo('PATCH', '/issues/99999')).toBe(0);

    const weak = await gateway.call(
      'PATCH',
      one('tickets', ids[3]),
      as({ 'if-match': `W/${star.body.etag}` }, { name: 'Weak' }),
    );
    expect(weak.status).toBe(412); // If-Match compares strongly (RFC 9110 §13.1.1)
    const patches = writesTo('PATCH', `/issues/${ids[3]}`);
    for (const header of ['abc', '"unterminated', 'W/ "x"', '"a" "b"']) {
      const malformed = await gateway.call(
        'PATCH',
        one('tickets', ids[3]),
        as({ 'if-match': header }, { name: 'x' }),
      );
      expect([header, malformed.status]).toEqual([header, 400]);
      expect(malformed.body.message).toMatch(/If-Match must be \* or a list of entity tags/);
    }
    expect(writesTo('PATCH', `/issues/${ids[3]}`)).toBe(patches);
  });

  it('checks If-Match on DELETE against the current record too', async () => {
    const created = await gateway.call('POST', `/unified/ticketing/comments?connection_id=${connection}`, {
      key,
      body: { ticket: { id: '1' }, body: 'To be deleted' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe(created.body.etag);
    const id = created.body.id as string;
    await changeAtProvider(`/issues/comments/${id}`, { body: 'Edited at GitHub' });
    const stale = await gateway.call('DELETE', one('comments', id), as({ 'if-match': created.body.etag }));
    expect(stale.status).toBe(412);
    expect(writesTo('DELETE', `/issues/comments/${id}`)).toBe(0);
    expect((await gateway.call('GET', one('comments', id), as())).status).toBe(200);

    const current = await gateway.call('GET', one('comments', id), as());
    const deleted = await gateway.call('DELETE', one('comments', id), as({ 'if-match': current.body.etag }));
    expect(deleted.status).toBe(204);
    expect((await gateway.call('GET', one('comments', id), as())).status).toBe(404);
    const again = await gateway.call('DELETE', one('comments', id), as({ 'if-match': '*' }));
    expect(again.status).toBe(412);
  });

  it('says when a precondition cannot be checked because the provider cannot read one record', async () => {
    // GitHub has no "get one" for fields (custom issue fields are listed only).
    const answer = await gateway.call('PATCH', one('fields', 'x'), as({ 'if-match': '"e"' }, { name: 'y' }));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(
      'If-Match cannot be checked: github cannot read one fields record to compare',
    );
  });

  it('replays an idempotent PATCH with its ETag even though its If-Match no longer holds', async () => {
    const current = await gateway.call('GET', one('tickets', ids[4]), as());
    const headers = { 'if-match': current.body.etag, 'idempotency-key': `cw-${Date.now()}` };
    const first = await gateway.call('PATCH', one('tickets', ids[4]), as(headers, { name: 'Once' }));
    expect(first.status).toBe(200);
    const replay = await gateway.call('PATCH', one('tickets', ids[4]), as(headers, { name: 'Once' }));
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('etag')).toBe(first.body.etag);
  });
});
