import { KafkaSettings } from '@app/config';
import { IsNotEmpty, IsString } from 'class-validator';

export class NormalizerConfig extends KafkaSettings {
  /** JSON file with the connections (id, tenantId, provider, settings, webhookSecret). */
  @IsString()
  @IsNotEmpty()
  CONNECTIONS_FILE: string = 'config/connections.demo.json';

  /** Consumer group: every normalizer replica joins the same one and they share the partitions. */
  @IsString()
  @IsNotEmpty()
  NORMALIZER_GROUP_ID: string = 'ticketing-normalizer';
}
