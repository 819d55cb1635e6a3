/** The normalizer as its own process, for tests that kill it (SIGKILL) mid-stream. Config from the environment.
 * SIGTERM closes it as in production (it leaves its group; a bench's --cpu-prof is written). */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { NormalizerConfig } from '../../apps/normalizer/src/normalizer.config';
import { startNormalizer } from '../../apps/normalizer/src/normalizer.app';

startNormalizer(loadConfig('normalizer', NormalizerConfig), { handleSignals: true })
  .then(() => console.log('READY normalizer'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
