import { githubListCount } from './conformance-counts';
import { GITHUB_WRITE_PLANS } from './conformance';
import type { DemoProvider } from '../demo/demo-provider';
import { githubCorpusOutcome } from './corpus-outcome';
import { GithubEmulator } from './github-emulator';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from './seed';

export const githubDemo: DemoProvider<GithubEmulator> = {
  provider: 'github',
  port: 4101,
  createEmulator: () => new GithubEmulator(),
  settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO },
  credentials: { token: GITHUB_SEED_TOKEN },
  conformance: {
    plans: GITHUB_WRITE_PLANS,
    count: githubListCount,
    corpus: githubCorpusOutcome,
    corpusMapsEverything: true,
    rateLimitNext: (emulator, times) => emulator.secondaryRateLimit(times, 1),
  },
};
