import { z } from 'zod';
import { defineCall } from './define.js';
import type { AppMode } from './app.js';

export interface SettingsView {
  mode: AppMode;
  /** Base URL used when live keys are set (real Salt Edge unless changed). */
  baseUrl: string;
  defaultBaseUrl: string;
  /** Keys are never sent back: only whether they are set, and a short hint of the App-id. */
  appId: { set: boolean; hint: string | null };
  secret: { set: boolean };
  signingKey: { set: boolean };
}

export interface ConnectionTestResult {
  ok: boolean;
  title: string;
  message: string;
  errorClass?: string;
  requestId?: string;
}

const trimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is too long`)
    .refine((s) => !/\s/.test(s), `${label} must not contain spaces`);

const pem = z
  .string()
  .trim()
  .max(20_000, 'The signing key is too long')
  .refine(
    (s) => /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(s),
    'The signing key must be an RSA private key in PEM format (-----BEGIN PRIVATE KEY----- …)',
  );

export const saveKeysInput = z
  .object({
    appId: trimmed('App-id', 200),
    secret: trimmed('Secret', 500),
    signingKeyPem: pem.optional(),
  })
  .strict();

export const baseUrlInput = z
  .object({
    baseUrl: z
      .string()
      .trim()
      .url('Enter a full URL, e.g. https://www.saltedge.com/api/v6')
      .refine((u) => /^https?:\/\//.test(u), 'The URL must start with https:// (or http:// for a local server)')
      .nullable(),
  })
  .strict();

const empty = z.object({}).strict();

export const settingsCalls = {
  'settings.get': defineCall<SettingsView>()(empty, 'Current Salt Edge settings (never the secrets).'),
  'settings.saveKeys': defineCall<SettingsView>()(saveKeysInput, 'Store App-id, Secret and optional signing key in the OS keychain.'),
  'settings.clearKeys': defineCall<SettingsView>()(empty, 'Remove the keys from the keychain: the app returns to demo mode.'),
  'settings.setBaseUrl': defineCall<SettingsView>()(baseUrlInput, 'Salt Edge API base URL for live mode; null restores the default.'),
  'settings.testConnection': defineCall<ConnectionTestResult>()(empty, 'Call Salt Edge with the configured keys and report the result in words.'),
} as const;
