/** The normalizer as its own process, for tests that kill it (SIGKILL) mid-stream. Config from the environment. */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { NormalizerConfig } from '../../apps/normalizer/src/normalizer.config';
import { startNormalizer } from '../../apps/normalizer/src/normalizer.app';

startNormalizer(loadConfig('normalizer', NormalizerConfig))
  .then(() => console.log('READY normalizer'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
