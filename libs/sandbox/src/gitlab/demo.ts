import type { DemoProvider } from '../demo/demo-provider';
import { GitlabEmulator } from './gitlab-emulator';
import { GITLAB_SEED_PROJECT_ID, GITLAB_SEED_TOKEN } from './seed';

export const gitlabDemo: DemoProvider = {
  provider: 'gitlab',
  port: 4104,
  createEmulator: () => new GitlabEmulator(),
  settings: { project_id: String(GITLAB_SEED_PROJECT_ID) },
  credentials: { token: GITLAB_SEED_TOKEN },
};
