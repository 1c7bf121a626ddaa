import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const runtimeDeps = Object.keys(pkg.dependencies);
const external = ['electron', ...runtimeDeps, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const entry = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

// One build for every Node-side entry: the Electron main process and the plain-Node hosts
// (preview, sandbox, bench) share the same core modules.
export default defineConfig({
  build: {
    ssr: true,
    outDir: fileURLToPath(new URL('../dist-electron', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        main: entry('electron/main/main.ts'),
        preview: entry('electron/cli/preview.ts'),
        sandbox: entry('electron/cli/sandbox.ts'),
        bench: entry('electron/cli/bench.ts'),
      },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
