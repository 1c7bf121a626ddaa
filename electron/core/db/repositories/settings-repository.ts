import type { RepoContext } from './common.js';

const SECRET_LIKE = /(secret|password|passwd|token|private|signing|apikey|api_key|database\.key)/i;

/**
 * Non-secret settings (key → string). Secrets belong in the SecretStore: keys that look like
 * secrets are refused so nothing sensitive ends up in the database by mistake.
 */
export class SettingsRepository {
  constructor(private readonly ctx: RepoContext) {}

  get(key: string): string | null {
    return this.ctx.sql.scalar<string>('SELECT value FROM setting WHERE key = ?', [key]) ?? null;
  }

  set(key: string, value: string): void {
    if (typeof key !== 'string' || key === '') throw new TypeError('A setting needs a key.');
    if (SECRET_LIKE.test(key)) throw new Error(`"${key}" looks like a secret; keep it in the keychain, not in the database.`);
    if (typeof value !== 'string') throw new TypeError(`The value of setting "${key}" must be a string.`);
    this.ctx.sql.run('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  delete(key: string): boolean {
    return this.ctx.sql.run('DELETE FROM setting WHERE key = ?', [key]).changes > 0;
  }

  all(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.ctx.sql.all<{ key: string; value: string }>('SELECT key, value FROM setting ORDER BY key')) out[r.key] = r.value;
    return out;
  }
}
