import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { jsonLogger } from '@app/http';
import { startDispatcher } from './dispatcher.app';
import { DispatcherConfig } from './dispatcher.config';

Logger.overrideLogger(jsonLogger());
startDispatcher(loadConfig('dispatcher', DispatcherConfig), { handleSignals: true }).catch(
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
