import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { jsonLogger } from '@app/http';
import { NormalizerConfig } from './normalizer.config';
import { startNormalizer } from './normalizer.app';

Logger.overrideLogger(jsonLogger());
startNormalizer(loadConfig('normalizer', NormalizerConfig), { handleSignals: true }).catch(
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
