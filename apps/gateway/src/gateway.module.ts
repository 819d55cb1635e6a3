import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '@app/bus';
import { brokerList } from '@app/config';
import { HealthModule } from '@app/http';
import { GatewayConfig } from './gateway.config';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    const kafka = createKafka({ brokers: brokerList(config), clientId: `${config.KAFKA_CLIENT_ID}-gateway` });
    return {
      module: GatewayModule,
      imports: [HealthModule.forKafka(kafka)],
      providers: [{ provide: GatewayConfig, useValue: config }],
    };
  }
}
