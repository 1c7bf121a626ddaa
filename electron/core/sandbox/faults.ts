/**
 * Fault injection for API responses: the next N matching requests fail the way a real server,
 * proxy or network can. Faults are transient (never persisted) and apply to `/api/…` paths only.
 */
import { ApiError } from './errors.js';

export type FaultKind =
  | 'rate_limit' // 429 RateLimitExceeded with Retry-After: retryAfterSeconds (default 1)
  | 'server_error' // 500 InternalServerError
  | 'unavailable' // 503 ProviderUnavailable
  | 'slow' // waits delayMs (default 100) and then answers normally
  | 'malformed_json' // 200 with a body that is not JSON at all (the request is not processed)
  | 'truncated_json' // the request IS processed, the JSON body is cut in half
  | 'html_403' // 403 with an nginx-style HTML page (the request is not processed)
  | 'repeat_cursor'; // list responses: meta.next_id / next_page point at the same page again

export const FAULT_KINDS: readonly FaultKind[] = ['rate_limit', 'server_error', 'unavailable', 'slow', 'malformed_json', 'truncated_json', 'html_403', 'repeat_cursor'];

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching responses (default 1; `repeat_cursor` defaults to -1). -1 = until cleared. */
  times?: number;
  /** Only requests whose path starts with this (`/api/v6/transactions` or just `/transactions`). */
  pathPrefix?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

export class FaultQueue {
  private faults: ActiveFault[] = [];

  constructor(private readonly apiBase: string) {}

  add(spec: FaultSpec): void {
    if (!FAULT_KINDS.includes(spec.kind)) throw new ApiError(400, 'WrongRequestFormat', `Field 'kind' must be one of ${FAULT_KINDS.join(', ')}.`);
    const times = spec.times ?? (spec.kind === 'repeat_cursor' ? -1 : 1);
    if (!Number.isInteger(times) || times === 0 || times < -1) throw new ApiError(400, 'WrongRequestFormat', "Field 'times' must be a positive integer or -1.");
    let pathPrefix = spec.pathPrefix;
    if (pathPrefix !== undefined && !pathPrefix.startsWith('/api/')) pathPrefix = `${this.apiBase}${pathPrefix.startsWith('/') ? '' : '/'}${pathPrefix}`;
    this.faults.push({ ...spec, times, ...(pathPrefix !== undefined ? { pathPrefix } : {}), remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map(({ remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  get size(): number {
    return this.faults.length;
  }

  /** Takes (consumes one use of) the first fault matching the path; `repeat_cursor` only when `listResponse`. */
  take(path: string, phase: 'before' | 'list'): FaultSpec | null {
    const index = this.faults.findIndex(
      (f) => (phase === 'list' ? f.kind === 'repeat_cursor' : f.kind !== 'repeat_cursor') && (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)),
    );
    const fault = this.faults[index];
    if (!fault) return null;
    if (fault.remaining > 0 && --fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }
}

export const NGINX_403 = `<html>
<head><title>403 Forbidden</title></head>
<body>
<center><h1>403 Forbidden</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

export const MALFORMED_BODY = '{"data": [{"id": "1092933278672886687", "amount": -12.5,, "made_on": 2026-01-0';

/**
 * Bank-side faults: the next N fetches (Connect flow, refresh, background refresh) of a provider
 * fail with an error class, e.g. `InteractiveTimeout` for the SMS step of the interactive bank.
 */
export interface BankFaultSpec {
  errorClass: string;
  /** Only this provider (default: any). */
  providerCode?: string;
  /** Default 1; -1 = until cleared. */
  times?: number;
}

export class BankFaultQueue {
  private faults: Array<BankFaultSpec & { remaining: number }> = [];

  add(spec: BankFaultSpec): void {
    if (typeof spec.errorClass !== 'string' || !/^[A-Z][A-Za-z]+$/.test(spec.errorClass)) {
      throw new ApiError(400, 'WrongRequestFormat', "Field 'errorClass' must be an error class name such as 'ProviderUnavailable'.");
    }
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times === 0 || times < -1) throw new ApiError(400, 'WrongRequestFormat', "Field 'times' must be a positive integer or -1.");
    this.faults.push({ ...spec, times, remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  list(): BankFaultSpec[] {
    return this.faults.map(({ remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  get size(): number {
    return this.faults.length;
  }

  /** Consumes the first fault for the provider; `interactive` takes only Interactive* classes. */
  take(providerCode: string, stage: 'interactive' | 'fetch'): string | null {
    const index = this.faults.findIndex(
      (f) => (f.providerCode === undefined || f.providerCode === providerCode) && (stage === 'fetch' || f.errorClass.startsWith('Interactive')),
    );
    const fault = this.faults[index];
    if (!fault) return null;
    if (fault.remaining > 0 && --fault.remaining === 0) this.faults.splice(index, 1);
    return fault.errorClass;
  }
}
