// No Electron binary can be downloaded on CI machines: electron-builder treats a folder as an
// unpacked Electron distribution, so a stub one lets the whole packaging pipeline run.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const dir = path.resolve(process.argv[2] ?? 'out/fake-electron-dist');
const version = createRequire(import.meta.url)('electron/package.json').version;
fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
fs.writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "stub: the real Electron binary is not available here" >&2\nexit 1\n', { mode: 0o755 });
fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
fs.writeFileSync(path.join(dir, 'version'), `v${version}`);
