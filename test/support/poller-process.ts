/**
 * The poller as its own process, for tests that kill it (SIGKILL) or run two. Config from the environment;
 * prints `READY poller` once polling, then one `CYCLE {json}` line per finished cycle.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { PollScheduler } from '@app/polling';
import { PollerConfig } from '../../apps/poller/src/poller.config';
import { startPoller } from '../../apps/poller/src/poller.app';

startPoller(loadConfig('poller', PollerConfig))
  .then((app) => {
    app.get(PollScheduler).onCycle((report) => console.log(`CYCLE ${JSON.stringify(report)}`));
    console.log('READY poller');
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
