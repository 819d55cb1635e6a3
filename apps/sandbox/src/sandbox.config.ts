import { PlatformSettings } from '@app/config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class SandboxConfig extends PlatformSettings {
  /** Where the emulators send their webhooks (webhook-ingest). */
  @IsString()
  @IsNotEmpty()
  SANDBOX_INGEST_URL: string = 'http://127.0.0.1:3001';

  /** Where the walk-through's API key and connection ids are written. */
  @IsString()
  @IsNotEmpty()
  SANDBOX_DEMO_ENV: string = '.data/demo.env';

  /** Which demo providers to run, comma-separated (e.g. `github,jira`); empty runs all of them. */
  @IsString()
  SANDBOX_PROVIDERS: string = '';

  /** Added to each emulator's fixed port (4101 GitHub, 4102 Zendesk, 4103 Jira …), to run a second demo beside one. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  SANDBOX_PORT_OFFSET: number = 0;
}
