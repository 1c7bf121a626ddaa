/**
 * HTTP transport of the Salt Edge client: ky (prefixUrl, no built-in retry, no built-in
 * timeout) plus our own per-attempt timeout, bounded retries with backoff/jitter honouring
 * Retry-After, clock-skew tracking from the `Date` header, optional request signing, lossless
 * JSON parsing and error mapping. Version-specific parts come from `SaltEdgeEndpoints`.
 *
 * Retry policy (exact):
 * - only `spec.idempotent` requests (GET, PUT revoke, DELETE) — never POST;
 * - only on network errors, timeouts, HTTP 429 and 5xx (a 503 ProviderUnavailable answer to a
 *   GET is a transient server state and is retried like any 5xx). Bank-side failures of a
 *   fetch (InvalidCredentials, …) come as 4xx or in `last_attempt.fail_error_class` and are
 *   never retried;
 * - at most `retry.limit` retries (default 3) and within `retry.maxTotalMs` (default 30 s);
 *   a Retry-After longer than the remaining budget fails at once with `retryAfterSeconds`;
 * - a `RequestExpired`/`ExpiresAtInvalid` answer re-syncs the clock offset from that
 *   response's `Date` and repeats the request once (any method: it was rejected unprocessed).
 */
import ky, { type KyInstance } from 'ky';
import type { ParsedApiError, RequestSpec, SaltEdgeEndpoints } from './endpoints.js';
import { SaltEdgeError } from './errors.js';
import type { RequestSigner } from './signing.js';
import { ResponseShapeError, parseJsonLossless } from './validate.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  limit?: number;
  /** First backoff delay (default 300 ms); doubles each retry. */
  baseDelayMs?: number;
  /** Cap of one backoff delay (default 5 s). Retry-After is honoured as given, within the budget. */
  maxDelayMs?: number;
  /** Budget for all attempts and waits of one call (default 30 s). */
  maxTotalMs?: number;
}

export interface RequestInfo {
  method: string;
  /** Path without base URL and without query string (no identifiers or keys). */
  path: string;
  /** HTTP status, or 0 when no response arrived (network error, timeout). */
  status: number;
  requestId?: string;
  ms: number;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  errorClass?: string;
}

export interface TransportOptions {
  baseUrl: string;
  appId: string;
  secret: string;
  signer?: RequestSigner;
  endpoints: SaltEdgeEndpoints;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRequest?: (info: RequestInfo) => void;
  fetch?: typeof fetch;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SaltEdgeError; retryable: boolean; retryAfterMs?: number; serverDateMs?: number };

const CLOCK_CLASSES = new Set(['RequestExpired', 'ExpiresAtInvalid']);

export class Transport {
  /** server clock − local clock, in ms, from the last response's `Date` header. */
  clockOffsetMs = 0;
  private readonly ky: KyInstance;

  constructor(private readonly o: TransportOptions) {
    const prefixUrl = o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`;
    this.ky = ky.create({
      prefixUrl,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      ...(o.fetch ? { fetch: o.fetch } : {}),
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'App-id': o.appId,
        Secret: o.secret,
      },
      hooks: {
        beforeRequest: [
          (request, options) => {
            if (!this.o.signer) return;
            const rawBody = typeof options.context.rawBody === 'string' ? options.context.rawBody : '';
            const nowSeconds = (this.o.now() + this.clockOffsetMs) / 1000;
            const headers = this.o.signer.sign(request.method, request.url, rawBody, nowSeconds);
            request.headers.set('Expires-at', headers['Expires-at']);
            request.headers.set('Signature', headers.Signature);
          },
        ],
      },
    });
  }

  /** Server time now, as best known (local clock corrected by the last `Date` header). */
  serverNow(): number {
    return this.o.now() + this.clockOffsetMs;
  }

  async send<T>(spec: RequestSpec<T>, signal?: AbortSignal): Promise<T> {
    // Serialise once; these exact bytes are signed and sent.
    const rawBody = spec.body === undefined ? '' : JSON.stringify(spec.body);
    const { limit, baseDelayMs, maxDelayMs, maxTotalMs } = this.o.retry;
    const start = this.o.now();
    let waited = 0;
    let attempt = 0;
    let retries = 0;
    let clockRetried = false;
    for (;;) {
      signal?.throwIfAborted();
      attempt++;
      const elapsed = Math.max(this.o.now() - start, waited);
      const timeout = attempt === 1 ? this.o.timeoutMs : Math.max(1, Math.min(this.o.timeoutMs, maxTotalMs - elapsed));
      const out = await this.once(spec, rawBody, timeout, attempt, signal);
      if (out.ok) return out.value;
      const err = out.error;

      if (CLOCK_CLASSES.has(err.errorClass) && !clockRetried) {
        clockRetried = true;
        if (out.serverDateMs !== undefined) this.clockOffsetMs = out.serverDateMs - this.o.now();
        continue;
      }
      if (!out.retryable || !spec.idempotent || retries >= limit) throw err.withAttempts(attempt);

      let delay: number;
      if (out.retryAfterMs !== undefined) {
        delay = out.retryAfterMs;
      } else {
        const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** retries);
        delay = Math.round(exp / 2 + (this.o.random() * exp) / 2); // "equal jitter"
      }
      const spent = Math.max(this.o.now() - start, waited);
      if (spent + delay >= maxTotalMs) throw err.withAttempts(attempt);
      retries++;
      await this.o.sleep(delay, signal);
      waited += delay;
    }
  }

  private async once<T>(spec: RequestSpec<T>, rawBody: string, timeoutMs: number, attempt: number, signal?: AbortSignal): Promise<Outcome<T>> {
    const t0 = this.o.now();
    const path = `/${spec.path}`;
    const report = (status: number, requestId?: string, errorClass?: string) => {
      try {
        this.o.onRequest?.({
          method: spec.method,
          path,
          status,
          ...(requestId ? { requestId } : {}),
          ms: Math.max(0, this.o.now() - t0),
          attempt,
          ...(errorClass ? { errorClass } : {}),
        });
      } catch {
        // A logging callback must never break a request.
      }
    };
    const base = { method: spec.method, path, attempts: attempt };

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const searchParams = Object.fromEntries(Object.entries(spec.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
      const res = await this.ky(spec.path, {
        method: spec.method,
        ...(Object.keys(searchParams).length ? { searchParams } : {}),
        ...(rawBody !== '' ? { body: rawBody } : {}),
        signal: controller.signal,
        context: { rawBody },
      });
      status = res.status;
      headers = res.headers;
      text = await res.text(); // still under the timer: a stalled body is a timeout too
    } catch (e) {
      if (signal?.aborted) {
        report(0);
        throw signal.reason ?? e;
      }
      if (timedOut) {
        report(0, undefined, 'Timeout');
        return {
          ok: false,
          retryable: true,
          error: new SaltEdgeError({ ...base, errorClass: 'Timeout', message: `No answer from Salt Edge within ${Math.round(timeoutMs / 100) / 10} s` }),
        };
      }
      report(0, undefined, 'NetworkUnavailable');
      return {
        ok: false,
        retryable: true,
        error: new SaltEdgeError({ ...base, errorClass: 'NetworkUnavailable', message: `Could not reach ${this.host()} (${networkCode(e)})` }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    const serverDateMs = parseHttpDate(headers.get('date'));
    if (serverDateMs !== undefined) this.clockOffsetMs = serverDateMs - this.o.now();
    const headerRequestId = headers.get('x-request-id') || undefined;

    let envelope: unknown;
    let parsed = true;
    try {
      envelope = text === '' ? undefined : parseJsonLossless(text);
      if (envelope === undefined) parsed = false;
    } catch {
      parsed = false;
    }

    if (status >= 200 && status < 300) {
      if (!parsed) {
        report(status, headerRequestId, 'MalformedResponse');
        return { ok: false, retryable: false, error: this.malformed(status, headers, text, headerRequestId, base) };
      }
      try {
        const value = spec.parse(envelope);
        report(status, headerRequestId);
        return { ok: true, value };
      } catch (e) {
        if (!(e instanceof ResponseShapeError)) throw e;
        report(status, headerRequestId, 'InvalidResponse');
        return {
          ok: false,
          retryable: false,
          error: new SaltEdgeError({
            ...base,
            errorClass: 'InvalidResponse',
            message: `Unexpected response from Salt Edge: ${e.message}`,
            httpStatus: status,
            ...(headerRequestId ? { requestId: headerRequestId } : {}),
            issues: e.issues,
          }),
        };
      }
    }

    // Error statuses (3xx are not followed: Salt Edge does not redirect API calls).
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), serverDateMs ?? this.serverNow());
    const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    const transient = status === 429 || status >= 500;
    const apiError: ParsedApiError | null = parsed ? this.o.endpoints.parseError(envelope) : null;
    let error: SaltEdgeError;
    if (apiError) {
      const requestId = headerRequestId ?? apiError.requestId;
      error = new SaltEdgeError({
        ...base,
        errorClass: apiError.errorClass,
        message: apiError.message || `Salt Edge error ${apiError.errorClass}`,
        httpStatus: status,
        ...(requestId ? { requestId } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      });
    } else if (status === 429) {
      error = new SaltEdgeError({
        ...base,
        errorClass: 'RateLimitExceeded',
        message: 'Too many requests (HTTP 429)',
        httpStatus: status,
        ...(headerRequestId ? { requestId: headerRequestId } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      });
    } else {
      error = this.malformed(status, headers, text, headerRequestId, base);
    }
    report(status, error.requestId, error.errorClass);
    return {
      ok: false,
      error,
      retryable: transient,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(serverDateMs !== undefined ? { serverDateMs } : {}),
    };
  }

  private malformed(
    status: number,
    headers: Headers,
    text: string,
    requestId: string | undefined,
    base: { method: string; path: string; attempts: number },
  ): SaltEdgeError {
    const type = (headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const looksHtml = type === 'text/html' || /^\s*</.test(text);
    const what =
      text.trim() === ''
        ? 'an empty body'
        : looksHtml
          ? 'an HTML page'
          : type.includes('json') || /^\s*[[{]/.test(text)
            ? 'truncated or invalid JSON'
            : `a non-JSON body${type ? ` (${type.slice(0, 40)})` : ''}`;
    return new SaltEdgeError({
      ...base,
      errorClass: 'MalformedResponse',
      message: `Salt Edge answered HTTP ${status} with ${what} instead of JSON data`,
      httpStatus: status,
      ...(requestId ? { requestId } : {}),
    });
  }

  private host(): string {
    try {
      return new URL(this.o.baseUrl).host;
    } catch {
      return 'Salt Edge';
    }
  }
}

/** `Retry-After`: delay-seconds or an HTTP date (relative to the server's clock). */
export function parseRetryAfter(value: string | null, serverNowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = parseHttpDate(v);
  if (at === undefined) return undefined;
  return Math.max(0, at - serverNowMs);
}

function parseHttpDate(value: string | null): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

function networkCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return 'network error';
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
