import fs from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

/**
 * sql.js, initialised once per process. The wasm bytes are read from the package (resolved
 * from this module, which also works from `app.asar.unpacked`) and passed in, so no fetch or
 * `locateFile` guessing is involved.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = await fs.promises.readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    // useOldExtensionFunctions is new in sql.js 1.16 (not in @types/sql.js): native math functions, no warning.
    return initSqlJs({ wasmBinary, useOldExtensionFunctions: false } as Parameters<typeof initSqlJs>[0]);
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
