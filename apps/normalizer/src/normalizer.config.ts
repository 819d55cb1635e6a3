import { PlatformSettings, withConsumerWorkerSettings } from '@app/config';
import { IsNotEmpty, IsString } from 'class-validator';

export class NormalizerConfig extends withConsumerWorkerSettings(PlatformSettings) {
  /** Consumer group: every normalizer replica joins the same one and they share the partitions. */
  @IsString()
  @IsNotEmpty()
  NORMALIZER_GROUP_ID: string = 'ticketing-normalizer';
}
