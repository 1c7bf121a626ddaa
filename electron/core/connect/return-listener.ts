import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Path of the return URL; the nonce travels as `?nonce=` (Salt Edge appends its own parameters). */
export const RETURN_PATH = '/saltedge/return';

export interface ReturnListener {
  /** e.g. http://127.0.0.1:53123 */
  readonly origin: string;
  /** The `return_to` for a nonce. */
  returnUrl(nonce: string): string;
  close(): Promise<void>;
}

export type ReturnOutcome = 'accepted' | 'rejected';

/**
 * The loopback page Salt Edge Connect sends the browser back to (127.0.0.1, random port, only
 * GET of one path). It hands the full URL to `onReturn` (the flow manager decides) and answers
 * with a page telling the user to go back to the app. It never shows a parameter back.
 */
export async function startReturnListener(onReturn: (url: string) => Promise<ReturnOutcome>): Promise<ReturnListener> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== RETURN_PATH) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      let outcome: ReturnOutcome = 'rejected';
      try {
        outcome = await onReturn(`${origin}${req.url ?? ''}`);
      } catch {
        outcome = 'rejected';
      }
      res
        .writeHead(outcome === 'accepted' ? 200 : 400, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
          'Referrer-Policy': 'no-referrer',
          'X-Content-Type-Options': 'nosniff',
        })
        .end(page(outcome));
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    returnUrl: (nonce) => `${origin}${RETURN_PATH}?nonce=${encodeURIComponent(nonce)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function page(outcome: ReturnOutcome): string {
  const [title, text] =
    outcome === 'accepted'
      ? ['Back from Salt Edge', 'LeanSoft Companion received the answer from Salt Edge and is finishing the step.']
      : [
          'This return link is not valid',
          'It was already used, has expired, or was not started by LeanSoft Companion. Nothing was changed. Start the step again from the app if needed.',
        ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} – LeanSoft Companion</title>
<style>body{font-family:system-ui,sans-serif;background:#f5f6f8;color:#1f2933;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #e4e7eb;border-radius:8px;padding:28px 32px;max-width:520px}h1{font-size:20px;margin:0 0 8px}</style></head>
<body><main><h1>${title}</h1><p>${text}</p><p><strong>You can close this tab/window and return to LeanSoft Companion.</strong></p></main></body></html>`;
}
