import { addIssuesSilently } from './bulk-issues';
import { GithubEmulator } from './github-emulator';
import {
  GITHUB_SEED_LAST_NUMBER,
  GITHUB_SEED_OWNER,
  GITHUB_SEED_PULL_REQUESTS,
  GITHUB_SEED_REPO,
  GITHUB_SEED_TOKEN,
} from './seed';

describe('addIssuesSilently', () => {
  const emulator = new GithubEmulator();
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('adds issues after the last number that the API pages through, and sends no webhook', async () => {
    emulator.subscribeWebhooks('http://127.0.0.1:9/hooks', 'secret');
    const added = addIssuesSilently(emulator.state, 250, { from: new Date('2026-01-01T00:00:00Z') });
    expect(added[0].number).toBe(GITHUB_SEED_LAST_NUMBER + 1);
    expect(added[249]).toMatchObject({
      number: GITHUB_SEED_LAST_NUMBER + 250,
      created_at: '2026-01-01T00:04:09Z',
    });

    const numbers: number[] = [];
    let next: string | undefined =
      `${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues?state=all&sort=created&direction=asc&per_page=100`;
    while (next) {
      const response: Response = await fetch(next, {
        headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}` },
      });
      expect(response.status).toBe(200);
      numbers.push(...((await response.json()) as { number: number }[]).map((i) => i.number));
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    }
    expect(numbers).toHaveLength(GITHUB_SEED_LAST_NUMBER + 250);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.filter((n) => !(GITHUB_SEED_PULL_REQUESTS as readonly number[]).includes(n))).toHaveLength(
      GITHUB_SEED_LAST_NUMBER + 250 - GITHUB_SEED_PULL_REQUESTS.length,
    );
    expect(emulator.webhooks.deliveries).toEqual([]);
  });
});
