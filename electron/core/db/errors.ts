export type StoreDamagedKind = 'damaged' | 'wrong-key' | 'newer-version';

/**
 * The database file cannot be opened. The file is left exactly as it is (never overwritten or
 * deleted); `restoreFromBackup()` moves it aside and puts the last good copy in place.
 */
export class StoreDamagedError extends Error {
  override readonly name = 'StoreDamagedError';
  readonly kind: StoreDamagedKind;
  readonly filePath: string;
  /** A `.bak` copy exists and decrypts with the current key (restoreFromBackup will work). */
  readonly backupAvailable: boolean;

  constructor(opts: { kind: StoreDamagedKind; filePath: string; backupAvailable: boolean; detail?: string }) {
    super(StoreDamagedError.describe(opts));
    this.kind = opts.kind;
    this.filePath = opts.filePath;
    this.backupAvailable = opts.backupAvailable;
  }

  static describe(opts: { kind: StoreDamagedKind; filePath: string; backupAvailable: boolean; detail?: string }): string {
    const what =
      opts.kind === 'wrong-key'
        ? `The database file ${opts.filePath} cannot be decrypted with the key in the keychain` +
          (opts.detail ? ` (${opts.detail})` : '') +
          '. This happens when the keychain entry "database.key" was removed or replaced, or the file comes from another computer.'
        : opts.kind === 'newer-version'
          ? `The database file ${opts.filePath} was written by a newer version of LeanSoft Companion` +
            (opts.detail ? ` (${opts.detail})` : '') +
            '. Update the app to open it; the file has not been changed.'
          : `The database file ${opts.filePath} is damaged` + (opts.detail ? ` (${opts.detail})` : '') + '.';
    const next =
      opts.kind === 'newer-version'
        ? ''
        : opts.backupAvailable
          ? ' A backup copy from the previous save is available and can be restored; the damaged file will be kept beside it.'
          : ' No usable backup copy was found. The file has been left untouched.';
    return what + next;
  }
}
