import { createPrivateKey, createSign, createVerify, type KeyObject } from 'node:crypto';

/** Seconds a signed request stays valid (Salt Edge examples use 60 s; the maximum is 1 h). */
export const SIGNATURE_VALIDITY_SECONDS = 60;

/** The exact text Salt Edge signs: `${expiresAt}|${METHOD}|${fullUrl}|${rawBody}`. */
export function signaturePayload(expiresAt: number, method: string, fullUrl: string, rawBody: string): string {
  return `${expiresAt}|${method.toUpperCase()}|${fullUrl}|${rawBody}`;
}

export interface RequestSigner {
  /** Returns the `Expires-at` and `Signature` headers for one request. */
  sign(method: string, fullUrl: string, rawBody: string, nowSeconds: number): { 'Expires-at': string; Signature: string };
}

/**
 * A signer for an RSA private key (PEM). The key is parsed once and kept only inside this
 * closure: it never appears in an error (a bad key gives a generic message).
 */
export function createRequestSigner(privateKeyPem: string): RequestSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error('The signing key could not be read: it must be an RSA private key in PEM format.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error('The signing key must be an RSA private key.');
  return {
    sign(method, fullUrl, rawBody, nowSeconds) {
      const expiresAt = Math.floor(nowSeconds) + SIGNATURE_VALIDITY_SECONDS;
      const signature = createSign('sha256').update(signaturePayload(expiresAt, method, fullUrl, rawBody)).sign(key, 'base64');
      return { 'Expires-at': String(expiresAt), Signature: signature };
    },
  };
}

/** Verifies a signature with a public key (tests, and any server-side emulation). */
export function verifyRequestSignature(publicKeyPem: string, payload: string, signatureBase64: string): boolean {
  return createVerify('sha256').update(payload).verify(publicKeyPem, signatureBase64, 'base64');
}
