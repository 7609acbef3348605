// Entry point: `tsx server/main.ts`. Reads the environment, starts, logs one JSON line with the
// bound port, and stops gracefully (exit 0) on SIGTERM or SIGINT.
import { createPercorsoServer } from './app';
import { ConfigError, configFromEnv } from './config';

const FORCE_EXIT_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: err.message, problems: err.problems })}\n`);
      process.exit(2);
    }
    throw err;
  }
  const server = await createPercorsoServer(config);
  server.log.info({ port: server.port, host: config.host, dataDir: config.dataDir }, 'percorso listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    const log = (fn: () => void): void => {
      try {
        fn();
      } catch {
        // stdout may be gone (a closed pipe); stopping matters more than the line
      }
    };
    log(() => server.log.info({ signal }, 'stopping'));
    server.close().then(
      () => {
        log(() => server.log.info('stopped'));
        process.exit(0);
      },
      (err: unknown) => {
        log(() => server.log.error({ err }, 'error while stopping'));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'could not start', err: String(err) })}\n`);
  process.exit(1);
});
