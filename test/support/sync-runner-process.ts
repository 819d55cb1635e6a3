/**
 * The snapshot runner on its own (SyncsModule over the store, as apps/poller hosts it), for tests that
 * kill it (SIGKILL) half-way through a job. Config from the environment (STORE_*, KAFKA_*, SYNC_*).
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, PlatformSettings } from '@app/config';
import { jsonLogger } from '@app/http';
import { StoreModule } from '@app/store';
import { SyncsModule } from '@app/syncs';

const config = loadConfig('sync-runner', PlatformSettings);

@Module({ imports: [StoreModule.forRoot(config), SyncsModule.register(config)] })
class SyncRunnerProcess {}

NestFactory.createApplicationContext(SyncRunnerProcess, { logger: jsonLogger(config.LOG_LEVEL) })
  .then(async (app) => {
    app.enableShutdownHooks();
    await app.init();
    console.log('READY sync-runner');
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
