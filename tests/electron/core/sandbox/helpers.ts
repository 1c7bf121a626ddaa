/** Shared helpers for the sandbox tests: a started sandbox, API calls, a Connect-page driver. */
import { startSandbox, DEMO_CREDENTIALS, type Sandbox, type SandboxOptions } from '../../../../electron/core/sandbox/index.js';

/** A fixed base clock so dates are deterministic. */
export const FIXED_NOW = new Date('2026-03-15T10:00:00Z');
export const KEYS = { 'App-id': DEMO_CREDENTIALS.appId, Secret: DEMO_CREDENTIALS.secret };

export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ now: () => FIXED_NOW, ...options });
}

export interface ApiReply<T = any> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function api<T = any>(sb: Sandbox, method: string, path: string, body?: unknown, headers: Record<string, string> = KEYS): Promise<ApiReply<T>> {
  const res = await fetch(`${sb.apiUrl}${path}`, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function createCustomer(sb: Sandbox, identifier = 'owner@example.com'): Promise<string> {
  const r = await api(sb, 'POST', '/customers', { data: { identifier } });
  if (r.status !== 200) throw new Error(r.text);
  return r.json.data.customer_id as string;
}

export const RETURN_TO = 'http://127.0.0.1:9/return?nonce=abc';

export function consent(extra: Record<string, unknown> = {}) {
  return { scopes: ['accounts', 'transactions'], from_date: '2025-12-15', period_days: 90, ...extra };
}

/** POST /connections/connect and return the connect_url. */
export async function connectSession(sb: Sandbox, customerId: string, opts: { providerCode?: string; allowedCountries?: string[]; includeSandboxes?: boolean } = {}): Promise<string> {
  const r = await api(sb, 'POST', '/connections/connect', {
    data: {
      customer_id: customerId,
      consent: consent(),
      attempt: { fetch_scopes: ['accounts', 'transactions'], return_to: RETURN_TO },
      ...(opts.allowedCountries ? { widget: { allowed_countries: opts.allowedCountries } } : {}),
      provider: { ...(opts.providerCode ? { code: opts.providerCode } : {}), include_sandboxes: opts.includeSandboxes ?? true },
      return_connection_id: true,
      return_error_class: true,
    },
  });
  if (r.status !== 200) throw new Error(r.text);
  return r.json.data.connect_url as string;
}

/** How the driver answers each Connect step. */
export interface Plan {
  provider_code?: string;
  username?: string;
  password?: string;
  sms_code?: string;
  agree?: boolean;
  oauth?: 'authorise' | 'deny';
  /** Press Cancel on this step. */
  cancelAt?: string;
}

export interface FlowResult {
  /** Final redirect target (return_to + params). */
  location: URL;
  params: Record<string, string>;
  /** Steps seen, in order. */
  steps: string[];
}

export function stepOf(html: string): string | null {
  return /name="step" value="([a-z_]+)"/.exec(html)?.[1] ?? null;
}

/** Drives the Connect pages with plain HTTP form posts until the final 302 redirect. */
export async function runConnect(connectUrl: string, plan: Plan): Promise<FlowResult> {
  const steps: string[] = [];
  for (let i = 0; i < 10; i++) {
    const page = await fetch(connectUrl, { redirect: 'manual' });
    const html = await page.text();
    if (page.status !== 200) throw new Error(`Connect page ${page.status}: ${html.slice(0, 300)}`);
    const step = stepOf(html);
    if (!step) throw new Error(`no step on page: ${html.slice(0, 300)}`);
    steps.push(step);
    const form = new URLSearchParams({ step });
    if (plan.cancelAt === step) form.set('action', 'cancel');
    else if (step === 'choose') form.set('provider_code', plan.provider_code ?? '');
    else if (step === 'login') {
      form.set('username', plan.username ?? 'demo');
      form.set('password', plan.password ?? 'secret');
      form.set('action', 'continue');
    } else if (step === 'authorise') form.set('action', plan.oauth ?? 'authorise');
    else if (step === 'interactive') {
      form.set('sms_code', plan.sms_code ?? '123456');
      form.set('action', 'continue');
    } else if (step === 'consent') {
      if (plan.agree !== false) form.set('agree', 'yes');
      form.set('action', 'continue');
    } else form.set('action', 'continue');
    const res = await fetch(connectUrl, { method: 'POST', body: form, redirect: 'manual' });
    if (res.status === 302) {
      const location = new URL(res.headers.get('location')!);
      return { location, params: Object.fromEntries(location.searchParams), steps };
    }
    if (res.status !== 303) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
    if (plan.agree === false && step === 'consent') return { location: new URL(connectUrl), params: {}, steps };
  }
  throw new Error('Connect flow did not finish');
}

/** Links a bank through the Connect pages; returns the connection id. */
export async function link(sb: Sandbox, customerId: string, providerCode: string, plan: Plan = {}): Promise<string> {
  const url = await connectSession(sb, customerId, { providerCode });
  const result = await runConnect(url, plan);
  if (result.params.error_class || !result.params.connection_id) throw new Error(`link failed: ${result.location.href}`);
  return result.params.connection_id;
}

/** Every page of a list endpoint. */
export async function all<T = any>(sb: Sandbox, path: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r: ApiReply = await api(sb, 'GET', next === null ? path : `${path}${sep}from_id=${next}`);
    if (r.status !== 200) throw new Error(r.text);
    items.push(...(r.json.data as T[]));
    next = r.json.meta.next_id;
    if (++pages > 10_000) throw new Error('pagination does not end');
  } while (next !== null);
  return { items, pages };
}

/** Minor units from a JSON number's text (no float arithmetic). */
export function minorUnits(numberText: string, exponent: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(numberText);
  if (!m) throw new Error(`bad number ${numberText}`);
  const [, sign, int, frac = '', exp = '0'] = m;
  const digits = BigInt(`${int}${frac}`);
  const scale = Number(exp) - frac.length + exponent;
  if (scale < 0) {
    const div = 10n ** BigInt(-scale);
    if (digits % div !== 0n) throw new Error(`${numberText} has more than ${exponent} decimals`);
    return (sign ? -1n : 1n) * (digits / div);
  }
  return (sign ? -1n : 1n) * digits * 10n ** BigInt(scale);
}

/** The raw number texts of a field in a JSON text, in order (e.g. every "amount"). */
export function numberTexts(jsonText: string, field: string): string[] {
  return [...jsonText.matchAll(new RegExp(`"${field}":(-?[0-9.eE+-]+)`, 'g'))].map((m) => m[1]!);
}
