import { KafkaSettings } from '@app/config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class GatewayConfig extends KafkaSettings {
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

  @IsString()
  @IsNotEmpty()
  GATEWAY_HOST: string = '127.0.0.1';
}
