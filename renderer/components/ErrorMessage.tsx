import type { AppErrorPayload } from '../../shared/result.js';
import { ApiError } from '../api/client.js';

/** A user-facing error with a "details" fold (error class, request id) for support. */
export function ErrorMessage({ error }: { error: unknown }) {
  const payload: AppErrorPayload =
    error instanceof ApiError
      ? error.payload
      : { code: 'internal', message: error instanceof Error ? error.message : 'Something went wrong.' };
  const d = payload.details;
  const facts = [
    d?.errorClass ? ['Error class', d.errorClass] : null,
    d?.requestId ? ['Request id', d.requestId] : null,
    d?.httpStatus ? ['HTTP status', String(d.httpStatus)] : null,
  ].filter((x): x is [string, string] => x !== null);
  return (
    <div role="alert" className="alert alert--error">
      {payload.title ? <strong className="alert__title">{payload.title}</strong> : null}
      <p>{payload.message}</p>
      {d?.issues?.length ? (
        <ul className="alert__issues">
          {d.issues.map((i) => (
            <li key={i.path + i.message}>{i.message}</li>
          ))}
        </ul>
      ) : null}
      {facts.length ? (
        <details className="alert__details">
          <summary>Details for support</summary>
          <dl>
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
