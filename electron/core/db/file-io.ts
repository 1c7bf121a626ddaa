import fs from 'node:fs/promises';
import path from 'node:path';

/** The steps of an atomic save, in order. A test hook can stop ("crash") before any of them. */
export const SAVE_STEPS = ['write-tmp', 'fsync-tmp', 'backup-copy', 'backup-rename', 'rename', 'fsync-dir'] as const;
export type SaveStep = (typeof SAVE_STEPS)[number];

/** Test-only: called before each step; throwing simulates a crash at that instant (no cleanup). */
export interface SaveHooks {
  beforeStep?(step: SaveStep): void | Promise<void>;
}

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

export function sidePaths(filePath: string): { tmp: string; bak: string; bakTmp: string } {
  return { tmp: `${filePath}.tmp`, bak: `${filePath}.bak`, bakTmp: `${filePath}.bak.tmp` };
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);

/** rename with a few retries: on Windows a scanner holding the target open makes rename fail briefly. */
async function renameRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (attempt >= 5 || !TRANSIENT.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, 'r');
    await h.sync();
  } catch (err) {
    // Windows cannot open or fsync a directory; rename there is already durable enough (NTFS journal).
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF'].includes(code)) throw err;
  } finally {
    await h?.close();
  }
}

/** Writes bytes to a new file and flushes it to disk. */
export async function writeDurable(p: string, bytes: Uint8Array): Promise<void> {
  const h = await fs.open(p, 'w', 0o600);
  try {
    await h.writeFile(bytes);
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Copies src to dst durably: a hard link when the file system allows it, else a copy + fsync. */
async function linkOrCopy(src: string, dst: string): Promise<void> {
  await fs.rm(dst, { force: true });
  try {
    await fs.link(src, dst);
  } catch {
    await fs.copyFile(src, dst);
    const h = await fs.open(dst, 'r+');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  }
}

/**
 * Replaces `filePath` with `bytes` so that a crash at any instant leaves a complete file under
 * `filePath` (old or new), and keeps the previous file as `filePath.bak`:
 *
 *   1. write `file.tmp`, fsync, close          (file = old, bak = older)
 *   2. link/copy file → `file.bak.tmp`, rename → `file.bak`   (file = old, bak = old)
 *   3. rename `file.tmp` → file                (file = new, bak = old)   ← commit point
 *   4. fsync the directory                     (the renames are durable)
 *
 * Never writes into an existing file. `.tmp` and `.bak.tmp` are never read back.
 */
export async function atomicReplace(filePath: string, bytes: Uint8Array, hooks?: SaveHooks): Promise<void> {
  const { tmp, bak, bakTmp } = sidePaths(filePath);
  const step = async (s: SaveStep): Promise<void> => {
    if (hooks?.beforeStep) {
      try {
        await hooks.beforeStep(s);
      } catch (err) {
        throw err instanceof SimulatedCrash ? err : new SimulatedCrash(err instanceof Error ? err.message : String(err));
      }
    }
  };
  try {
    await step('write-tmp');
    const h = await fs.open(tmp, 'w', 0o600);
    try {
      await h.writeFile(bytes);
      await step('fsync-tmp');
      await h.sync();
    } finally {
      await h.close();
    }
    if (await exists(filePath)) {
      await step('backup-copy');
      await linkOrCopy(filePath, bakTmp);
      await step('backup-rename');
      await renameRetry(bakTmp, bak);
    }
    await step('rename');
    await renameRetry(tmp, filePath);
    await step('fsync-dir');
    await fsyncDir(path.dirname(filePath));
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err; // a crash leaves everything as it is
    await fs.rm(tmp, { force: true }).catch(() => {});
    await fs.rm(bakTmp, { force: true }).catch(() => {});
    throw err;
  }
}
