import { PlatformSettings } from '@app/config';
import { IsNotEmpty, IsString } from 'class-validator';

export class SandboxConfig extends PlatformSettings {
  /** Where the emulators send their webhooks (webhook-ingest). */
  @IsString()
  @IsNotEmpty()
  SANDBOX_INGEST_URL: string = 'http://127.0.0.1:3001';
}
