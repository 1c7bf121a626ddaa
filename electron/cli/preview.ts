import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core.js';
import { startPreviewHost } from '../core/preview/preview-host.js';
import { openSecretStore } from '../core/open-secret-store.js';
import { defaultDataDir } from '../core/paths.js';
import { APP_VERSION } from '../core/version.js';

/**
 * `npm run preview`: the same core and renderer as the desktop app, served on 127.0.0.1 so the
 * app runs in any browser. Data lives apart from the desktop app's (LSC_DATA_DIR overrides).
 */
async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = path.resolve(here, '..', 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    console.error('The renderer is not built. Run `npm run preview` (it builds first).');
    process.exit(1);
  }
  const secrets = await openSecretStore({});
  // Without a keychain the database key cannot survive a restart: use a throwaway folder.
  const dataDir =
    secrets.warning !== null
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'leansoft-preview-'))
      : (process.env.LSC_DATA_DIR ?? defaultDataDir('leansoft-companion-preview'));
  const core = await createCore({
    dataDir,
    secretStore: secrets.store,
    keychainWarning: secrets.warning,
    host: 'preview',
    version: APP_VERSION,
    autoSync: true,
  });
  const host = await startPreviewHost({ core, staticDir, port: Number(process.env.LSC_PREVIEW_PORT ?? 0) });
  if (secrets.warning) console.warn(`Warning: ${secrets.warning}`);
  console.log(`LeanSoft Companion preview — data in ${dataDir}`);
  console.log(`Open: ${host.url}`);

  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
