import { startSandbox, DEMO_CREDENTIALS, BANKS, FAKE_PASSWORD, FAKE_SMS_CODE } from '../core/sandbox/index.js';

/**
 * `npm run sandbox`: the Salt Edge sandbox on its own, on 127.0.0.1.
 * Env: SANDBOX_PORT (default 0 = any free port), SANDBOX_SEED (default 42),
 * SANDBOX_STATE (a JSON file to keep the state across restarts; default none).
 */
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT must be a port number, got "${process.env.SANDBOX_PORT}"`);
  const seed = process.env.SANDBOX_SEED ? Number(process.env.SANDBOX_SEED) : undefined;
  const sandbox = await startSandbox({
    port,
    ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
    ...(process.env.SANDBOX_STATE ? { statePath: process.env.SANDBOX_STATE } : {}),
  });
  console.log(`Salt Edge sandbox running at ${sandbox.url}`);
  console.log(`  API base URL: ${sandbox.apiUrl}`);
  console.log(`  App-id:       ${DEMO_CREDENTIALS.appId}`);
  console.log(`  Secret:       ${DEMO_CREDENTIALS.secret}`);
  console.log(`  Fake banks:   ${BANKS.length} (password "${FAKE_PASSWORD}", SMS code "${FAKE_SMS_CODE}"); list at ${sandbox.url}/`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
