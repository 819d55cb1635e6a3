import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { jsonLogger } from '@app/http';
import { DEMO_PROVIDERS, selectDemoProviders, startDemoSandbox } from '@app/sandbox/demo';
import { openStore } from '@app/store';
import { SandboxConfig } from './sandbox.config';

/**
 * The local demo's providers: every emulator on its fixed port, with demo data, a `demo` tenant and one
 * connection per provider. Writes `.data/demo.env` (API key, connection ids) for the walk-through.
 */
async function main(): Promise<void> {
  Logger.overrideLogger(jsonLogger());
  const config = loadConfig('sandbox', SandboxConfig);
  const providers = selectDemoProviders(DEMO_PROVIDERS, config.SANDBOX_PROVIDERS);
  const store = await openStore(config);
  const sandbox = await startDemoSandbox(
    store,
    providers,
    config.SANDBOX_INGEST_URL,
    config.SANDBOX_PORT_OFFSET,
  );
  await store.close();
  const lines = [
    `DEMO_API_KEY=${sandbox.apiKey}`,
    ...sandbox.connections.map((c) => `DEMO_${c.provider.toUpperCase()}_CONNECTION=${c.connectionId}`),
  ];
  writeFileSync(config.SANDBOX_DEMO_ENV, `${lines.join('\n')}\n`, { mode: 0o600 });
  for (const c of sandbox.connections) {
    new Logger('Sandbox').log({
      msg: 'demo provider ready',
      provider: c.provider,
      emulator: c.emulatorUrl,
      connection_id: c.connectionId,
    });
  }
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
