import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The preload runs sandboxed, so it must be a single CommonJS file with only `electron` external.
export default defineConfig({
  build: {
    ssr: fileURLToPath(new URL('../electron/preload/preload.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('../dist-electron/preload', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    ssrEmitAssets: false,
    rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
  },
  ssr: { noExternal: true },
});
