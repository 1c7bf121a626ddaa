import { describe, expect, it } from 'vitest';
import { openSecretStore } from '../../../electron/core/open-secret-store.js';
import { createMemorySecretStore, type KeytarLike } from '../../../electron/core/secrets/index.js';

// What keytar throws on Linux when no Secret Service answers (stack.md §2).
const noBus: KeytarLike = {
  getPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  setPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  deletePassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
};

describe('openSecretStore without an OS keychain', () => {
  it('says so clearly and keeps secrets for the session only', async () => {
    const opened = await openSecretStore({ keytar: noBus });
    expect(opened.store.kind).toBe('memory');
    expect(opened.warning).toMatch(/keychain|keyring/i);
    expect(opened.warning).toMatch(/only while the app runs/);
  });

  it('uses the shell fallback (safeStorage) when it offers one', async () => {
    const fallback = createMemorySecretStore();
    const opened = await openSecretStore({ keytar: noBus, fallback: async () => fallback });
    expect(opened.store).toBe(fallback);
    expect(opened.warning).toMatch(/storage protection/);
  });

  it.runIf(process.env.LSC_TEST_KEYCHAIN === '1')('uses the real keychain when it is there, with no warning', async () => {
    const opened = await openSecretStore({ service: `LeanSoft Companion test ${process.pid}` });
    expect(opened).toMatchObject({ warning: null, store: { kind: 'keychain' } });
  });
});
