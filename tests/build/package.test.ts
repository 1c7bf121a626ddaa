import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';

const root = path.resolve(import.meta.dirname, '../..');
const unpacked = path.join(root, 'out', 'release', 'linux-unpacked', 'resources');

describe('electron-builder packaging (dir layout against a stub Electron)', () => {
  it('validates the config and packs main, preload, renderer, sql.js wasm and keytar', () => {
    fs.rmSync(path.join(root, 'out', 'release'), { recursive: true, force: true });
    execFileSync('npm', ['run', '-s', 'pack:dir'], { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
    const files = listPackage(path.join(unpacked, 'app.asar'), { isPack: false });
    for (const f of ['/dist-electron/main.js', '/dist-electron/preload/preload.cjs', '/dist/renderer/index.html', '/package.json', '/node_modules/keytar/package.json', '/node_modules/sql.js/package.json']) {
      expect(files, `missing in asar: ${f}`).toContain(f);
    }
    // Renderer-only libraries are bundled by Vite, not shipped as node_modules.
    expect(files.some((f) => f.startsWith('/node_modules/react/'))).toBe(false);
    expect(fs.existsSync(path.join(unpacked, 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'app.asar.unpacked', 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'))).toBe(true);
  });

  it('rejects an invalid configuration offline', () => {
    expect(() =>
      execFileSync('npx', ['electron-builder', '--linux', 'dir', '-c.linux.bogusKey=1', '-c.electronDist=out/fake-electron-dist', '-c.directories.output=out/release-invalid'], { cwd: root, stdio: 'pipe' }),
    ).toThrow(/Invalid configuration|bogusKey/);
  });
});
