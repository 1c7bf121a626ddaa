/**
 * The OS keychain cannot be used. The message is meant for the user: it names the keychain
 * and says what to do. It never contains a secret value.
 */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  /** The underlying problem in short (already scrubbed of secret values). */
  readonly reason: string;

  constructor(message: string, reason = '') {
    super(message);
    this.reason = reason;
  }
}

/** Which keychain this platform uses, and what the user can do when it is missing. */
export function keychainHelp(platform: NodeJS.Platform = process.platform): { keychain: string; remedy: string } {
  switch (platform) {
    case 'darwin':
      return {
        keychain: 'the macOS Keychain',
        remedy: 'Open Keychain Access, make sure the login keychain exists and is unlocked, allow LeanSoft Companion to use it, then try again.',
      };
    case 'win32':
      return {
        keychain: 'the Windows Credential Manager',
        remedy: 'Make sure you are signed in to a normal Windows user account (Credential Manager is not available to some service or guest accounts), then try again.',
      };
    default:
      return {
        keychain: 'the Secret Service keychain (GNOME Keyring or KWallet)',
        remedy:
          'Install and unlock a Secret Service provider, e.g. GNOME Keyring (package "gnome-keyring") or KWallet, ' +
          'and run the app inside a desktop session with a D-Bus session bus; then restart the app.',
      };
  }
}

/** Turns any failure of the keychain into a user-facing error, without the secret value. */
export function keychainUnavailable(cause: unknown, opts: { doing: string; scrub?: string[]; platform?: NodeJS.Platform } ): KeychainUnavailableError {
  let reason = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'unknown error';
  for (const s of opts.scrub ?? []) if (s) reason = reason.split(s).join('[redacted]');
  reason = reason.replace(/\s+/g, ' ').trim().slice(0, 300);
  const { keychain, remedy } = keychainHelp(opts.platform);
  const message = `The app could not ${opts.doing} because ${keychain} is not available${reason ? ` (${reason})` : ''}. ${remedy}`;
  return new KeychainUnavailableError(message, reason);
}
