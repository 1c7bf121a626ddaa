import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../../electron/core/secrets/index.js';
import { MIGRATIONS, StoreDamagedError, type Migration } from '../../../../../electron/core/db/index.js';
import { migrate, schemaVersion } from '../../../../../electron/core/db/migrations/run.js';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs.js';
import { open, seedAccount, tempDir } from '../helpers.js';

const NEXT = MIGRATIONS.length + 1;
const addColumn: Migration = {
  version: NEXT,
  name: 'test-add-column',
  up(db) {
    db.exec(`ALTER TABLE account ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'`);
  },
};
const broken: Migration = {
  version: NEXT,
  name: 'test-broken',
  up(db) {
    db.exec(`CREATE TABLE half_done (x)`);
    throw new Error('boom');
  },
};

describe('migration runner', () => {
  it('upgrades an existing file with data, keeps a pre-upgrade copy, and the data survives', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const v1 = await open({ dataDir, secretStore });
    const { accountId } = seedAccount(v1);
    await v1.save();
    v1.close();
    const v1Bytes = fs.readFileSync(v1.filePath);

    const v2 = await open({ dataDir, secretStore, migrations: [...MIGRATIONS, addColumn] });
    expect(v2.schemaVersion).toBe(NEXT);
    expect(v2.sql.get('SELECT name, colour FROM account WHERE id = ?', [accountId])).toEqual({ name: 'Account 1', colour: 'blue' });
    expect(fs.readFileSync(`${v2.filePath}.v${NEXT - 1}`).equals(v1Bytes)).toBe(true);
    v2.close();

    // The v1 app now refuses the v2 file and does not touch it.
    const v2Bytes = fs.readFileSync(v2.filePath);
    await expect(open({ dataDir, secretStore })).rejects.toMatchObject({ kind: 'newer-version' });
    expect(fs.readFileSync(v2.filePath).equals(v2Bytes)).toBe(true);
    await expect(open({ dataDir, secretStore })).rejects.toBeInstanceOf(StoreDamagedError);
  });

  it('a failing migration rolls back completely and leaves the file as it was', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const v1 = await open({ dataDir, secretStore });
    v1.close();
    const before = fs.readFileSync(v1.filePath);
    await expect(open({ dataDir, secretStore, migrations: [...MIGRATIONS, broken] })).rejects.toThrow(new RegExp(`migration ${NEXT} \\(test-broken\\) failed: boom`));
    expect(fs.readFileSync(v1.filePath).equals(before)).toBe(true);
    const again = await open({ dataDir, secretStore });
    expect(again.schemaVersion).toBe(NEXT - 1);
    expect(again.sql.scalar(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`)).toBe(0);
  });

  it('refuses a list with gaps', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    expect(() => migrate(db, [{ ...addColumn, version: 2 }])).toThrow(/broken/);
    expect(schemaVersion(db)).toBe(0);
    db.close();
  });

  it('every migration in MIGRATIONS has its own test file', () => {
    for (const m of MIGRATIONS) {
      const file = new URL(`./${String(m.version).padStart(3, '0')}-${m.name}.test.ts`, import.meta.url);
      expect(fs.existsSync(file), `missing test for migration ${m.version}-${m.name}`).toBe(true);
    }
  });
});
