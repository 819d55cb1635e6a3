import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { NormalizerConfig } from './normalizer.config';
import { startNormalizer } from './normalizer.app';

startNormalizer(loadConfig('normalizer', NormalizerConfig)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
