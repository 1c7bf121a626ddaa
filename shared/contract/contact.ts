import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * Validation shared by the renderer (wizard steps) and the main process (flow.start): the same
 * schema decides in both places, so the wizard never lets through what the core would refuse.
 */

/** The user's email address: identifies their Salt Edge customer. Normalised (trimmed, lower case). */
export const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'This email address is too long')
  .toLowerCase()
  .pipe(z.email('Enter a valid email address, like name@example.com'));

/** A phone number in international format (+country code …), normalised to E.164 (+40721234567). */
export const phoneSchema = z
  .string()
  .trim()
  .min(1, 'Enter your phone number')
  .max(32, 'This phone number is too long')
  .refine((s) => s.startsWith('+') || s.startsWith('00'), 'Start with + and the country code, for example +44 20 7946 0958')
  .transform((s, ctx) => {
    const p = parsePhoneNumberFromString(s.startsWith('00') ? `+${s.slice(2)}` : s);
    if (!p || !p.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'This is not a valid phone number. Check the country code and the digits.' });
      return z.NEVER;
    }
    return p.number as string;
  });

/** The phone number formatted for display (+44 20 7946 0958), or the input when it cannot be parsed. */
export function formatPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  return p ? p.formatInternational() : e164;
}

/** First validation message for a value, or null when it is valid. */
export function validationMessage(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'Not valid');
}
