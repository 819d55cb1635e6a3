import { Controller, Get } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { buildAsyncApiDocument } from '@app/bus';

/** The event contract (AsyncAPI 3: every topic, every event type, the unified schemas) beside the REST one. */
@Controller()
export class EventContractController {
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  @ApiExcludeEndpoint()
  asyncapi() {
    return this.document;
  }
}
