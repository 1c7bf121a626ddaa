import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/index.js';

/**
 * Encrypted database file, format version 1:
 *
 *   offset  size  field
 *   0       5     magic "LSCDB"
 *   5       1     format version (1)
 *   6       8     key id = HMAC-SHA256(key, "LSCDB key-id v1")[0..8]  (tells a wrong key from damage)
 *   14      12    AES-GCM IV (random per save)
 *   26      16    AES-GCM tag
 *   42      …     AES-256-GCM ciphertext of the SQLite database image
 *
 * The additional authenticated data is bytes 0..14 (magic, version, key id); the IV is
 * authenticated by GCM itself. So any change to any byte is detected.
 */
export const MAGIC = Buffer.from('LSCDB', 'ascii');
export const FORMAT_VERSION = 1;
const KEY_ID_LEN = 8;
const IV_LEN = 12;
const TAG_LEN = 16;
const AAD_LEN = MAGIC.length + 1 + KEY_ID_LEN;
export const HEADER_LEN = AAD_LEN + IV_LEN + TAG_LEN;
export const KEY_SECRET: 'database.key' = 'database.key';

export function keyId(key: Buffer): Buffer {
  return createHmac('sha256', key).update('LSCDB key-id v1').digest().subarray(0, KEY_ID_LEN);
}

export function encryptDatabase(plain: Uint8Array, key: Buffer): Buffer {
  const aad = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), keyId(key)]);
  const iv = randomBytes(IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([aad, iv, cipher.getAuthTag(), body]);
}

export type DecodeResult =
  | { ok: true; plain: Buffer }
  | { ok: false; kind: 'damaged' | 'wrong-key' | 'newer-version'; detail: string };

export function decryptDatabase(file: Buffer, key: Buffer | null): DecodeResult {
  if (file.length < MAGIC.length + 1) return { ok: false, kind: 'damaged', detail: `the file is truncated (${file.length} bytes)` };
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, kind: 'damaged', detail: 'it is not a LeanSoft Companion database file (bad signature)' };
  }
  const version = file[MAGIC.length]!;
  // Future formats are small numbers; any other byte means the header itself is broken.
  if (version > FORMAT_VERSION && version < 32) return { ok: false, kind: 'newer-version', detail: `file format ${version}, this app reads up to ${FORMAT_VERSION}` };
  if (version !== FORMAT_VERSION) return { ok: false, kind: 'damaged', detail: `unknown file format ${version}` };
  if (file.length < HEADER_LEN) return { ok: false, kind: 'damaged', detail: `the file is truncated (${file.length} bytes)` };
  if (!key) return { ok: false, kind: 'wrong-key', detail: 'the keychain has no "database.key" entry' };
  const aad = file.subarray(0, AAD_LEN);
  if (!aad.subarray(MAGIC.length + 1).equals(keyId(key))) {
    return { ok: false, kind: 'wrong-key', detail: 'the file was encrypted with a different key (or its header is damaged)' };
  }
  const iv = file.subarray(AAD_LEN, AAD_LEN + IV_LEN);
  const tag = file.subarray(AAD_LEN + IV_LEN, HEADER_LEN);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(file.subarray(HEADER_LEN)), decipher.final()]);
    return { ok: true, plain };
  } catch {
    return { ok: false, kind: 'damaged', detail: 'its contents fail the integrity check (truncated or modified)' };
  }
}

/** Parses the stored key; null when missing or malformed. */
export function parseKey(value: string | null): Buffer | null {
  if (!value) return null;
  const buf = Buffer.from(value, 'base64');
  return buf.length === 32 && buf.toString('base64') === value.trim() ? buf : null;
}

export async function readKey(secrets: SecretStore): Promise<Buffer | null> {
  return parseKey(await secrets.get(KEY_SECRET));
}

/** Makes a new random key and stores it. Only called when no database file depends on the old one. */
export async function createKey(secrets: SecretStore): Promise<Buffer> {
  const key = randomBytes(32);
  await secrets.set(KEY_SECRET, key.toString('base64'));
  const back = await readKey(secrets);
  if (!back || !back.equals(key)) throw new Error('The database key could not be stored in the keychain (read back differs).');
  return key;
}
