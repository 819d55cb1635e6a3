export { GithubEmulator, type GithubEmulatorOptions } from './github-emulator';
export {
  createSeedState,
  GITHUB_SEED_LAST_NUMBER,
  GITHUB_SEED_OWNER,
  GITHUB_SEED_PULL_REQUESTS,
  GITHUB_SEED_REPO,
  GITHUB_SEED_TOKEN,
  seedTime,
} from './seed';
export type { GithubState } from './state';
export { githubSigner } from './webhooks';
export { addIssuesSilently } from './bulk-issues';
