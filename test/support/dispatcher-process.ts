/** The dispatcher as its own process, for tests that kill it (SIGKILL) mid-stream. Config from the environment.
 * SIGTERM closes it as in production (it leaves its group; a bench's --cpu-prof is written). */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { DispatcherConfig } from '../../apps/dispatcher/src/dispatcher.config';
import { startDispatcher } from '../../apps/dispatcher/src/dispatcher.app';

startDispatcher(loadConfig('dispatcher', DispatcherConfig), { handleSignals: true })
  .then(() => console.log('READY dispatcher'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
