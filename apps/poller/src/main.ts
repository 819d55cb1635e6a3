import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { jsonLogger } from '@app/http';
import { PollerConfig } from './poller.config';
import { startPoller } from './poller.app';

Logger.overrideLogger(jsonLogger());
startPoller(loadConfig('poller', PollerConfig), { handleSignals: true }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
