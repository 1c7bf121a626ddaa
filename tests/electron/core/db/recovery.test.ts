import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../../../electron/core/secrets/index.js';
import {
  openStore,
  restoreFromBackup,
  SAVE_STEPS,
  SimulatedCrash,
  StoreDamagedError,
  type SaveStep,
  type Store,
} from '../../../../electron/core/db/index.js';
import { HEADER_LEN } from '../../../../electron/core/db/file-format.js';
import { fixedNow, open, tempDir, track } from './helpers.js';

async function expectDamaged(
  p: Promise<unknown>,
  kind: StoreDamagedError['kind'],
  backupAvailable?: boolean,
): Promise<StoreDamagedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreDamagedError);
  const e = err as StoreDamagedError;
  expect(e.kind).toBe(kind);
  if (backupAvailable !== undefined) expect(e.backupAvailable).toBe(backupAvailable);
  return e;
}

/** A store with two committed saves: value 'old' (in .bak) then 'new' (main). */
async function twoSaves(): Promise<{ dataDir: string; secretStore: SecretStore; filePath: string }> {
  const dataDir = tempDir();
  const secretStore = createMemorySecretStore();
  const s = await open({ dataDir, secretStore });
  s.repos.settings.set('v', 'old');
  await s.save();
  s.repos.settings.set('v', 'new');
  await s.save();
  s.close();
  return { dataDir, secretStore, filePath: s.filePath };
}

const valueIn = async (dataDir: string, secretStore: SecretStore): Promise<string | null> => {
  const s = await open({ dataDir, secretStore });
  const v = s.repos.settings.get('v');
  s.close();
  return v;
};

describe('store: crash at every save step', () => {
  for (const crashAt of SAVE_STEPS) {
    it(`crash before "${crashAt}" leaves the old or the new committed data readable`, async () => {
      const dataDir = tempDir();
      const secretStore = createMemorySecretStore();
      let armed = false;
      const s = await openStore({
        dataDir,
        secretStore,
        now: fixedNow,
        __testHooks: {
          beforeStep(step: SaveStep) {
            if (armed && step === crashAt) throw new SimulatedCrash(`crash at ${step}`);
          },
        },
      });
      track(s);
      s.repos.settings.set('v', 'old');
      await s.save();
      s.repos.settings.set('v', 'new');
      armed = true;
      await expect(s.save()).rejects.toBeInstanceOf(SimulatedCrash);
      // The process "dies": the store is abandoned, the files stay as they are.
      s.close();

      const v = await valueIn(dataDir, secretStore);
      const committed = SAVE_STEPS.indexOf(crashAt) > SAVE_STEPS.indexOf('rename');
      expect(v).toBe(committed ? 'new' : 'old');
      expect(fs.existsSync(`${s.filePath}.tmp`)).toBe(false); // the leftover was removed at open
    });
  }

  it('after a failed (non-crash) save the store stays usable and the next save writes', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    let fail = false;
    const s = track(
      await openStore({
        dataDir,
        secretStore,
        __testHooks: {
          beforeStep(step) {
            if (fail && step === 'rename') throw new Error('disk full');
          },
        },
      }),
    );
    s.repos.settings.set('v', 'x');
    fail = true;
    await expect(s.save()).rejects.toThrow('disk full');
    fail = false;
    await s.save();
    s.close();
    expect(await valueIn(dataDir, secretStore)).toBe('x');
  });
});

describe('store: damaged files are refused and left untouched', () => {
  it('a leftover .tmp (never committed) is ignored and removed', async () => {
    const { dataDir, secretStore, filePath } = await twoSaves();
    fs.writeFileSync(`${filePath}.tmp`, 'half-written garbage');
    expect(await valueIn(dataDir, secretStore)).toBe('new');
    expect(fs.existsSync(`${filePath}.tmp`)).toBe(false);
  });

  const damages: Array<[string, (b: Buffer) => Buffer]> = [
    ['truncated to half', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['truncated inside the header', (b) => b.subarray(0, 20)],
    ['empty', () => Buffer.alloc(0)],
    ['bad magic', (b) => Buffer.concat([Buffer.from('XXXXX'), b.subarray(5)])],
    ['one flipped byte in the ciphertext', (b) => {
      const c = Buffer.from(b);
      c[HEADER_LEN + 100] = c[HEADER_LEN + 100]! ^ 0x01;
      return c;
    }],
    ['one flipped byte in the tag', (b) => {
      const c = Buffer.from(b);
      c[HEADER_LEN - 1] = c[HEADER_LEN - 1]! ^ 0x80;
      return c;
    }],
    ['one flipped byte in the IV', (b) => {
      const c = Buffer.from(b);
      c[15] = c[15]! ^ 0x01;
      return c;
    }],
  ];
  for (const [label, damage] of damages) {
    it(`${label} → StoreDamagedError 'damaged', file byte-identical, restore gives the last good copy`, async () => {
      const { dataDir, secretStore, filePath } = await twoSaves();
      const broken = damage(fs.readFileSync(filePath));
      fs.writeFileSync(filePath, broken);
      const e = await expectDamaged(openStore({ dataDir, secretStore }), 'damaged', true);
      expect(e.filePath).toBe(filePath);
      expect(e.message).toMatch(/damaged/);
      expect(e.message).toMatch(/backup/);
      expect(fs.readFileSync(filePath).equals(broken)).toBe(true);
      // Opening again does not change anything either.
      await expectDamaged(openStore({ dataDir, secretStore }), 'damaged', true);
      expect(fs.readFileSync(filePath).equals(broken)).toBe(true);

      const r = await restoreFromBackup({ dataDir, secretStore, now: fixedNow });
      expect(r.damagedCopy).toMatch(/\.damaged-2025-03-04T05-06-07-000Z$/);
      expect(fs.readFileSync(r.damagedCopy!).equals(broken)).toBe(true);
      expect(await valueIn(dataDir, secretStore)).toBe('old');
    });
  }

  it('wrong key → StoreDamagedError "wrong-key"; the file is kept and no key is replaced', async () => {
    const { dataDir, filePath } = await twoSaves();
    const original = fs.readFileSync(filePath);
    const other = createMemorySecretStore({ 'database.key': Buffer.alloc(32, 7).toString('base64') });
    const e = await expectDamaged(openStore({ dataDir, secretStore: other }), 'wrong-key', false);
    expect(e.message).toMatch(/cannot be decrypted/);
    expect(e.message).not.toContain(Buffer.alloc(32, 7).toString('base64'));
    expect(fs.readFileSync(filePath).equals(original)).toBe(true);
    expect(await other.get('database.key')).toBe(Buffer.alloc(32, 7).toString('base64'));
  });

  it('missing key with an existing file → "wrong-key", and no new key is created', async () => {
    const { dataDir, filePath } = await twoSaves();
    const original = fs.readFileSync(filePath);
    const empty = createMemorySecretStore();
    const e = await expectDamaged(openStore({ dataDir, secretStore: empty }), 'wrong-key', false);
    expect(e.message).toMatch(/database\.key/);
    expect(await empty.get('database.key')).toBeNull();
    expect(fs.readFileSync(filePath).equals(original)).toBe(true);
  });

  it('a newer file format is refused as "newer-version" and left untouched', async () => {
    const { dataDir, secretStore, filePath } = await twoSaves();
    const b = Buffer.from(fs.readFileSync(filePath));
    b[5] = 9;
    fs.writeFileSync(filePath, b);
    const e = await expectDamaged(openStore({ dataDir, secretStore }), 'newer-version', false);
    expect(e.message).toMatch(/newer version/);
    expect(fs.readFileSync(filePath).equals(b)).toBe(true);
  });

  it('a newer schema (user_version above the app) is refused as "newer-version" and left untouched', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const s = await open({ dataDir, secretStore });
    s.db.exec('PRAGMA user_version = 999');
    await s.save({ force: true });
    s.close();
    const before = fs.readFileSync(s.filePath);
    const e = await expectDamaged(openStore({ dataDir, secretStore }), 'newer-version', false);
    expect(e.message).toMatch(/schema version 999/);
    expect(fs.readFileSync(s.filePath).equals(before)).toBe(true);
  });

  it('main file missing while a .bak exists → refused (not silently recreated); restore works', async () => {
    const { dataDir, secretStore, filePath } = await twoSaves();
    fs.rmSync(filePath);
    await expectDamaged(openStore({ dataDir, secretStore }), 'damaged', true);
    expect(fs.existsSync(filePath)).toBe(false);
    const r = await restoreFromBackup({ dataDir, secretStore });
    expect(r.damagedCopy).toBeNull();
    expect(await valueIn(dataDir, secretStore)).toBe('old');
  });

  it('no usable backup → backupAvailable false, and restoreFromBackup refuses without touching the file', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const s = await open({ dataDir, secretStore });
    s.close();
    // Only one save so far (the creation): no .bak yet.
    expect(fs.existsSync(`${s.filePath}.bak`)).toBe(false);
    fs.writeFileSync(s.filePath, 'LSCDB garbage');
    const e = await expectDamaged(openStore({ dataDir, secretStore }), 'damaged', false);
    expect(e.message).toMatch(/No usable backup/);
    await expectDamaged(restoreFromBackup({ dataDir, secretStore }), 'damaged', false);
    expect(fs.readFileSync(s.filePath, 'utf8')).toBe('LSCDB garbage');
  });

  it('a damaged .bak is not offered', async () => {
    const { dataDir, secretStore, filePath } = await twoSaves();
    fs.writeFileSync(`${filePath}.bak`, Buffer.from('LSCDB\x01broken'));
    fs.writeFileSync(filePath, fs.readFileSync(filePath).subarray(0, 60));
    await expectDamaged(openStore({ dataDir, secretStore }), 'damaged', false);
  });

  it('the restored store keeps working and saving', async () => {
    const { dataDir, secretStore, filePath } = await twoSaves();
    fs.writeFileSync(filePath, fs.readFileSync(filePath).subarray(0, 100));
    await restoreFromBackup({ dataDir, secretStore });
    const s: Store = await open({ dataDir, secretStore });
    s.repos.settings.set('v', 'after-restore');
    await s.save();
    s.close();
    expect(await valueIn(dataDir, secretStore)).toBe('after-restore');
  });
});
