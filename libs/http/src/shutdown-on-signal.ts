import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { flushTracing } from '@app/telemetry';

/**
 * Closes the app once on the first SIGINT or SIGTERM, so consumers leave their groups and producers
 * flush; a second signal during that close is logged and ignored (a terminal's Ctrl-C and a
 * supervisor's SIGTERM often arrive together, and dying mid-close would leave the group waiting a whole
 * session timeout for this member). Exits non-zero if the close takes longer than `timeoutMs`.
 */
export function shutdownOnSignal(
  app: INestApplicationContext,
  logger: LoggerService,
  timeoutMs = 20_000,
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.log({ msg: 'already shutting down; signal ignored', signal }, 'Shutdown');
      return;
    }
    closing = true;
    logger.log(
      { msg: 'shutting down: leaving consumer groups, finishing work in flight', signal },
      'Shutdown',
    );
    const timer = setTimeout(() => {
      logger.error({ msg: 'shutdown took too long; exiting', timeoutMs }, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app
      .close()
      // The last spans (this shutdown's included) are sent before the process goes.
      .then(() => flushTracing().catch(() => undefined))
      .then(() => {
        logger.log({ msg: 'stopped', signal }, 'Shutdown');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ msg: 'shutdown failed', error: (error as Error).message }, undefined, 'Shutdown');
        process.exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
