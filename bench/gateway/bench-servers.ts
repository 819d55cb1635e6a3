import { startServer, type RunningServer } from '../../test/support/child-app';

/** The bench emulator and one gateway process over it (bench/gateway), each in its own process. */
export interface GatewayUnderBench {
  emulator: RunningServer;
  gateway: RunningServer;
  /** The bench tenant's API key and its GitHub connection's id. */
  key: string;
  connection: string;
}

/** `nodeArgs`: flags for the gateway's Node (e.g. `--cpu-prof`). */
export async function startGatewayUnderBench(nodeArgs: string[] = []): Promise<GatewayUnderBench> {
  const emulator = await startServer('bench/gateway/emulator-server.ts', {});
  const gateway = await startServer(
    'bench/gateway/gateway-server.ts',
    {
      BENCH_EMULATOR_URL: emulator.url,
      BENCH_GATEWAY_WORKERS: '1',
      NODE_OPTIONS: '--max-semi-space-size=64',
    },
    nodeArgs,
  );
  const [key, connection] = gateway.extra.split(',');
  return { emulator, gateway, key, connection };
}
