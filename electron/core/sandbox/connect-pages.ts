/**
 * Salt Edge Connect, emulated: server-rendered HTML pages driven by form POSTs. The flow's state
 * lives server-side in the Connect session (keyed by the token in connect_url):
 *
 *   choose a bank (no provider code) → log in (username/password) or authorise (OAuth bank)
 *   → SMS code (interactive bank) → consent confirmation → fetch → 302 to return_to
 *
 * Reconnect sessions start at the login/authorise step of the connection's bank and keep the
 * connection id; refresh sessions ask only for a confirmation (+ SMS code on the interactive bank).
 * "Cancel" on any step ends with error_class=UserCancelled. See WIRE-v6.md "Connect".
 */
import { BANKS, COUNTRY_NAMES, ERROR_BANK_USERNAMES, FAKE_PASSWORD, FAKE_SMS_CODE, findBank, type BankDef } from './banks.js';
import { createConsent, failAttempt, fetchConnection, newAttempt, newConnection, OAUTH_IDENTITY } from './bank-engine.js';
import { DAY_MS, isoDate, isoDateTime } from './clock.js';
import type { SandboxContext } from './context.js';
import { hashSeed } from './rng.js';
import type { StoredConnection, StoredSession } from './state.js';

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const html = (status: number, body: string): PageResponse => ({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body });
const redirect = (status: 302 | 303, location: string): PageResponse => ({ status, headers: { Location: location }, body: '' });

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

/** Routes below `/connect` and `/logos`; null when the path is not theirs. */
export function handleConnectPage(ctx: SandboxContext, method: string, url: URL, rawBody: string): PageResponse | null {
  const logo = /^\/logos\/([a-z0-9_]+)\.svg$/.exec(url.pathname);
  if (logo && method === 'GET') return logoSvg(logo[1]!);
  if (url.pathname === '/connect/finished' && method === 'GET') return finishedPage(url.searchParams);
  const m = /^\/connect\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (!m) return null;
  const session = ctx.store.sessions.get(m[1]!);
  if (!session) return errorPage(404, 'This Connect link is not valid', 'Go back to the application and start again.');
  if (session.usedAt) return errorPage(410, 'This Connect link has already been used', 'Each link works once. Go back to the application and start again.');
  if (Date.parse(session.expiresAt) <= ctx.clock.now().getTime()) {
    return errorPage(410, 'This Connect link has expired', 'Connect links are valid for 60 minutes. Go back to the application and start again.');
  }
  if (method === 'GET') return render(ctx, session, url.searchParams);
  if (method === 'POST') return handlePost(ctx, session, new URLSearchParams(rawBody));
  return errorPage(405, 'Method not allowed', '');
}

// ---------------------------------------------------------------------------------------------
// Steps

function handlePost(ctx: SandboxContext, s: StoredSession, form: URLSearchParams): PageResponse {
  const again = redirect(303, `/connect/${s.token}`);
  if (form.get('action') === 'cancel') return finish(ctx, s, { errorClass: 'UserCancelled' });
  // a stale form (back button, double submit): show the current step again
  if (form.get('step') !== s.step) return again;
  s.flash = null;
  ctx.store.touch();
  const bank = s.providerCode ? findBank(s.providerCode) : undefined;

  switch (s.step) {
    case 'choose': {
      const chosen = findBank(form.get('provider_code') ?? '');
      if (!chosen || !choosable(s).includes(chosen)) return flash(ctx, s, 'Choose a bank from the list.');
      s.providerCode = chosen.code;
      s.step = chosen.mode === 'oauth' ? 'authorise' : 'login';
      return again;
    }
    case 'login': {
      if (!bank) return again;
      const username = (form.get('username') ?? '').trim();
      const password = form.get('password') ?? '';
      if (!username || !password) return flash(ctx, s, 'Enter your username and password.');
      if (password !== FAKE_PASSWORD) return finish(ctx, s, { errorClass: 'InvalidCredentials', message: 'The bank rejected the username or password.' });
      const scenario = bank.behaviour === 'errors' ? ERROR_BANK_USERNAMES[username.toLowerCase()] : undefined;
      if (scenario?.stage === 'login') return finish(ctx, s, { errorClass: scenario.errorClass, message: `${bank.name}: ${scenario.description}.` });
      const conn = s.connectionId ? ctx.store.connections.get(s.connectionId) : undefined;
      if (conn && conn.identity !== username) {
        return finish(ctx, s, { errorClass: 'CredentialsNotMatch', message: 'These credentials belong to another login at the bank than this connection.' });
      }
      if (s.kind === 'connect') {
        const duplicate = [...ctx.store.connections.values()].find((c) => c.providerCode === bank.code && c.identity === username);
        if (duplicate) {
          return finish(ctx, s, {
            errorClass: 'ConnectionDuplicated',
            message: 'You have already used these credentials to connect this provider.',
            ...(duplicate.customerId === s.customerId ? { duplicatedConnectionId: duplicate.id } : {}),
          });
        }
      }
      s.username = username;
      s.step = bank.interactive ? 'interactive' : 'consent';
      return again;
    }
    case 'authorise': {
      if (form.get('action') === 'deny') return finish(ctx, s, { errorClass: 'ProviderAccessNotGranted', message: 'Access was denied at the bank.' });
      if (form.get('action') !== 'authorise' || !bank) return again;
      s.username = OAUTH_IDENTITY;
      s.step = bank.interactive ? 'interactive' : 'consent';
      return again;
    }
    case 'interactive': {
      if (!bank) return again;
      const code = (form.get('sms_code') ?? '').trim();
      if (!code) return flash(ctx, s, 'Enter the SMS code.');
      const fault = ctx.bankFaults.take(bank.code, 'interactive');
      if (fault) return finish(ctx, s, { errorClass: fault, message: `${bank.name}: ${fault} (injected by the sandbox control).` });
      if (code !== FAKE_SMS_CODE) return finish(ctx, s, { errorClass: 'InvalidInteractiveCredentials', message: 'The SMS code is not correct.' });
      if (s.kind === 'refresh') return complete(ctx, s);
      s.step = 'consent';
      return again;
    }
    case 'consent': {
      if (form.get('agree') !== 'yes') return flash(ctx, s, 'Tick the box to give your consent, or press Cancel.');
      return complete(ctx, s);
    }
    case 'confirm_refresh': {
      if (!bank) return again;
      if (bank.interactive) {
        s.step = 'interactive';
        return again;
      }
      return complete(ctx, s);
    }
  }
}

function flash(ctx: SandboxContext, s: StoredSession, message: string): PageResponse {
  s.flash = message;
  ctx.store.touch();
  return redirect(303, `/connect/${s.token}`);
}

/** The user has done their part: the bank fetches; the flow ends with the redirect. */
function complete(ctx: SandboxContext, s: StoredSession): PageResponse {
  const now = ctx.clock.now();
  const bank = findBank(s.providerCode ?? '');
  const existing = s.connectionId ? ctx.store.connections.get(s.connectionId) : undefined;
  if (s.kind !== 'connect' && !existing) return finish(ctx, s, { errorClass: 'ConnectionNotFound', message: 'The connection no longer exists.' });
  // a refresh asks for no credentials: the connection's login is used
  s.username ??= existing?.identity ?? null;
  if (!bank || !s.username) return errorPage(500, 'Something went wrong', 'The Connect session is incomplete.');
  const consentFrom = s.consent?.fromDate ?? (existing?.lastConsentId ? ctx.store.consents.get(existing.lastConsentId)?.fromDate : undefined);
  const attempt = newAttempt(ctx.store, now, {
    fetchScopes: s.fetchScopes,
    fromDate: s.fetchFromDate ?? consentFrom ?? isoDate(new Date(now.getTime() - 90 * DAY_MS)),
    toDate: s.consent?.toDate ?? null,
    storeCredentials: s.storeCredentials,
    userPresent: true,
  });
  const scenario = bank.behaviour === 'errors' ? ERROR_BANK_USERNAMES[s.username.toLowerCase()] : undefined;
  const failure = ctx.bankFaults.take(bank.code, 'fetch') ?? (scenario?.stage === 'fetch' ? scenario.errorClass : null);

  let conn: StoredConnection;
  if (existing) {
    conn = existing;
    if (s.kind === 'reconnect') conn.automaticRefresh = s.automaticRefresh;
  } else {
    conn = newConnection(ctx.store, { customerId: s.customerId, bank, identity: s.username, automaticRefresh: s.automaticRefresh, attempt, now });
    s.connectionId = conn.id;
  }
  if (failure) {
    // a new connection keeps the consent the user gave; a reconnect keeps the old consent
    if (s.kind === 'connect' && s.consent) createConsent(ctx.store, conn, s.consent, now);
    const message = scenario?.stage === 'fetch' ? `${bank.name}: ${scenario.description}.` : `${bank.name}: ${failure} (injected by the sandbox control).`;
    failAttempt(ctx.store, conn, attempt, failure, message, now);
    return finish(ctx, s, { errorClass: failure, message, recorded: true });
  }
  if (s.consent) createConsent(ctx.store, conn, s.consent, now);
  fetchConnection(ctx.store, conn, attempt, now);
  return finish(ctx, s, {});
}

interface Outcome {
  errorClass?: string;
  message?: string;
  duplicatedConnectionId?: string;
  /** The failure is already recorded on the connection's last attempt. */
  recorded?: boolean;
}

/** Ends the flow: marks the token used and redirects to return_to with the result appended. */
function finish(ctx: SandboxContext, s: StoredSession, outcome: Outcome): PageResponse {
  const now = ctx.clock.now();
  s.usedAt = isoDateTime(now);
  const conn = s.connectionId ? ctx.store.connections.get(s.connectionId) : undefined;
  // a failed reconnect/refresh is recorded on the connection (not a plain cancel)
  if (outcome.errorClass && outcome.errorClass !== 'UserCancelled' && conn && !outcome.recorded) {
    const attempt = newAttempt(ctx.store, now, { fetchScopes: s.fetchScopes, fromDate: conn.lastAttempt.fromDate, userPresent: true });
    failAttempt(ctx.store, conn, attempt, outcome.errorClass, outcome.message ?? outcome.errorClass, now);
  }
  ctx.store.touch();
  const params: Array<[string, string]> = [];
  if (conn && s.returnConnectionId) params.push(['connection_id', conn.id]);
  if (outcome.errorClass && s.returnErrorClass) {
    params.push(['error_class', outcome.errorClass]);
    if (outcome.duplicatedConnectionId) params.push(['duplicated_connection_id', outcome.duplicatedConnectionId]);
  }
  const target = new URL(s.returnTo ?? `${ctx.baseUrl}/connect/finished`);
  for (const [k, v] of params) target.searchParams.append(k, v);
  if (!s.returnTo) {
    // the sandbox's own result page always gets the result, whatever the flags
    if (conn) target.searchParams.set('connection_id', conn.id);
    if (outcome.errorClass) target.searchParams.set('error_class', outcome.errorClass);
  }
  return redirect(302, target.toString());
}

function choosable(s: StoredSession): BankDef[] {
  return BANKS.filter(
    (b) => (s.includeSandboxes || b.countryCode !== 'XF') && (s.allowedCountries === null || s.allowedCountries.length === 0 || s.allowedCountries.includes(b.countryCode)),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render(ctx: SandboxContext, s: StoredSession, query: URLSearchParams): PageResponse {
  const bank = s.providerCode ? findBank(s.providerCode) : undefined;
  const alert = s.flash ? `<p class="alert" role="alert">${e(s.flash)}</p>` : '';
  const form = (inner: string, primary: string) => `
    <form method="post" action="/connect/${e(s.token)}">
      <input type="hidden" name="step" value="${s.step}">
      ${inner}
      <div class="actions">
        <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
        ${primary}
      </div>
    </form>`;
  const continueButton = '<button type="submit" name="action" value="continue">Continue</button>';

  switch (s.step) {
    case 'choose':
      return html(200, layout('Choose your bank', null, chooseBody(s, query, alert), 'Step 1 of 3'));
    case 'login': {
      if (!bank) break;
      const prefill = s.kind === 'reconnect' ? (s.connectionId ? ctx.store.connections.get(s.connectionId)?.identity : undefined) : undefined;
      const body = `${alert}
        <p>Log in with your online banking credentials.</p>
        ${form(
          `<label for="username">Username</label>
           <input id="username" name="username" autocomplete="username" required value="${e(prefill ?? '')}">
           <label for="password">Password</label>
           <input id="password" name="password" type="password" autocomplete="current-password" required>`,
          continueButton,
        )}
        ${credentialsHint(bank)}`;
      return html(200, layout(s.kind === 'reconnect' ? 'Update your credentials' : `Log in to ${bank.name}`, bank, body, stepLabel(s)));
    }
    case 'authorise': {
      if (!bank) break;
      const body = `${alert}
        <p>You are now at <strong>${e(bank.name)}</strong>. Salt Edge, acting for the application that sent you here,
        asks for access to your accounts and transactions.</p>
        ${form('', `<button type="submit" name="action" value="deny" class="secondary" formnovalidate>Deny</button>
          <button type="submit" name="action" value="authorise">Authorise</button>`)}
        <p class="hint">Sandbox: “Authorise” succeeds, “Deny” ends with ProviderAccessNotGranted.</p>`;
      return html(200, layout(`Authorise at ${bank.name}`, bank, body, stepLabel(s)));
    }
    case 'interactive': {
      if (!bank) break;
      const body = `${alert}
        <p>${e(bank.name)} sent a one-time code by SMS to your phone.</p>
        ${form(
          `<label for="sms_code">SMS code</label>
           <input id="sms_code" name="sms_code" inputmode="numeric" autocomplete="one-time-code" required>`,
          continueButton,
        )}
        <p class="hint">Sandbox: use <code>${FAKE_SMS_CODE}</code>. Any other code ends with InvalidInteractiveCredentials.</p>`;
      return html(200, layout('Enter the SMS code', bank, body, stepLabel(s)));
    }
    case 'consent': {
      if (!bank || !s.consent) break;
      const max = bank.maxConsentDays;
      const period = s.consent.periodDays === null ? max : max === null ? s.consent.periodDays : Math.min(s.consent.periodDays, max);
      const until = period === null ? 'until you revoke it' : `${period} days, until ${isoDate(new Date(ctx.clock.now().getTime() + period * DAY_MS))}`;
      const body = `${alert}
        <p>The application asks to read the following data from <strong>${e(bank.name)}</strong>:</p>
        <ul class="scopes">${s.consent.scopes.map((sc) => `<li>${e(SCOPE_LABELS[sc] ?? sc)}</li>`).join('')}</ul>
        <dl class="facts">
          <dt>Period</dt><dd>${e(until)}</dd>
          <dt>Transactions from</dt><dd>${e(s.consent.fromDate)}${s.consent.toDate ? ` to ${e(s.consent.toDate)}` : ''}</dd>
          <dt>Provider</dt><dd>Salt Edge (third-party provider) on behalf of the application</dd>
        </dl>
        ${form(
          `<div class="check"><input type="checkbox" id="agree" name="agree" value="yes" required>
           <label for="agree">I agree to share the data listed above for the period shown</label></div>`,
          continueButton,
        )}`;
      return html(200, layout('Confirm your consent', bank, body, stepLabel(s)));
    }
    case 'confirm_refresh': {
      if (!bank) break;
      const body = `${alert}
        <p>Fetch your accounts and transactions from <strong>${e(bank.name)}</strong> again. New accounts, if any, will be added.</p>
        ${form('', continueButton)}`;
      return html(200, layout('Fetch accounts again', bank, body, stepLabel(s)));
    }
  }
  return errorPage(500, 'Something went wrong', 'The Connect session is incomplete.');
}

const SCOPE_LABELS: Readonly<Record<string, string>> = {
  accounts: 'Account details: names, numbers (IBAN), balances',
  account_details: 'Account details: names, numbers (IBAN), balances',
  transactions: 'Transactions: dates, amounts, descriptions, payees',
  transactions_details: 'Transactions: dates, amounts, descriptions, payees',
  holder_info: 'Account holder information: name, contact details',
  holder_information: 'Account holder information: name, contact details',
};

function stepLabel(s: StoredSession): string {
  const verb = s.kind === 'reconnect' ? 'Reconnect' : s.kind === 'refresh' ? 'Refresh' : 'Connect';
  return `${verb} · ${s.step === 'consent' ? 'last step' : 'secure login'}`;
}

function chooseBody(s: StoredSession, query: URLSearchParams, alert: string): string {
  const q = (query.get('q') ?? '').trim();
  const country = (query.get('country') ?? '').toUpperCase();
  const banks = choosable(s);
  const countries = [...new Set(banks.map((b) => b.countryCode))].sort();
  const shown = banks.filter((b) => (!q || b.name.toLowerCase().includes(q.toLowerCase())) && (!country || b.countryCode === country));
  const items = shown
    .map(
      (b) => `<li data-name="${e(b.name.toLowerCase())}" data-country="${b.countryCode}">
        <button type="submit" name="provider_code" value="${b.code}" class="bank">
          <img src="/logos/${b.code}.svg" alt="" width="28" height="28"><span>${e(b.name)}</span>
          <small>${e(COUNTRY_NAMES[b.countryCode] ?? b.countryCode)}</small>
        </button></li>`,
    )
    .join('');
  return `${alert}
    <form method="get" action="/connect/${e(s.token)}" class="search" role="search">
      <label for="q">Search banks</label>
      <div class="row">
        <input id="q" name="q" type="search" value="${e(q)}" placeholder="Bank name">
        ${
          countries.length > 1
            ? `<label for="country" class="visually-hidden">Country</label>
               <select id="country" name="country"><option value="">All countries</option>${countries
                 .map((c) => `<option value="${c}"${c === country ? ' selected' : ''}>${e(COUNTRY_NAMES[c] ?? c)}</option>`)
                 .join('')}</select>`
            : ''
        }
        <button type="submit" class="secondary">Search</button>
      </div>
    </form>
    <form method="post" action="/connect/${e(s.token)}">
      <input type="hidden" name="step" value="choose">
      <ul class="banks" aria-label="Banks">${items || '<li class="empty">No bank matches your search.</li>'}</ul>
      <div class="actions"><button type="submit" name="action" value="cancel" class="secondary">Cancel</button></div>
    </form>
    <script>
      const q = document.getElementById('q'), c = document.getElementById('country');
      const filter = () => document.querySelectorAll('.banks li[data-name]').forEach((li) => {
        li.hidden = !li.dataset.name.includes(q.value.trim().toLowerCase()) || (c && c.value && li.dataset.country !== c.value);
      });
      q.addEventListener('input', filter); if (c) c.addEventListener('change', filter);
    </script>`;
}

function credentialsHint(bank: BankDef): string {
  if (bank.behaviour === 'errors') {
    const rows = Object.entries(ERROR_BANK_USERNAMES)
      .map(([u, d]) => `<tr><td><code>${u}</code></td><td>${e(d.errorClass)}</td><td>${e(d.description)}</td></tr>`)
      .join('');
    return `<div class="hint"><p>Sandbox: password <code>${FAKE_PASSWORD}</code>; the username picks the outcome (any other username succeeds).</p>
      <table><caption class="visually-hidden">Error scenarios</caption><thead><tr><th scope="col">Username</th><th scope="col">Error class</th><th scope="col">What happens</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  }
  return `<p class="hint">Sandbox: any username, password <code>${FAKE_PASSWORD}</code>${bank.interactive ? `, then SMS code <code>${FAKE_SMS_CODE}</code>` : ''}. A wrong password ends with InvalidCredentials.</p>`;
}

function finishedPage(query: URLSearchParams): PageResponse {
  const error = query.get('error_class');
  const id = query.get('connection_id');
  const body = error
    ? `<p role="alert" class="alert">The connection was not completed: <strong>${e(error)}</strong>.</p>`
    : `<p role="status" class="ok">Your bank is connected${id ? ` (connection ${e(id)})` : ''}.</p>`;
  return html(200, layout(error ? 'Not connected' : 'Done', null, `${body}<p>You can close this window.</p>`, 'Finished'));
}

function errorPage(status: number, title: string, text: string): PageResponse {
  return html(status, layout(title, null, `<p role="alert" class="alert">${e(text || title)}</p>`, 'Salt Edge Connect'));
}

function logoSvg(code: string): PageResponse {
  const bank = findBank(code);
  const name = bank?.name ?? code;
  const initials = name.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?';
  const hue = hashSeed(code) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${e(name)}">
<circle cx="32" cy="32" r="32" fill="hsl(${hue},55%,42%)"/><text x="32" y="41" font-family="Arial,sans-serif" font-size="24" font-weight="bold" fill="#fff" text-anchor="middle">${e(initials)}</text></svg>`;
  return { status: bank ? 200 : 404, headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }, body: svg };
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef2f7;color:#1d2733}
header{background:#0b3d63;color:#fff;padding:10px 20px;display:flex;justify-content:space-between;align-items:center}
header .brand{font-weight:600;letter-spacing:.2px}header .tag{font-size:12px;background:#f5b841;color:#1d2733;border-radius:10px;padding:1px 8px}
main{max-width:460px;margin:32px auto;padding:0 16px}.card{background:#fff;border-radius:10px;box-shadow:0 2px 10px rgba(0,0,0,.08);padding:24px}
.bankhead{display:flex;gap:10px;align-items:center;color:#4a5a6a;font-size:13px;margin-bottom:4px}.bankhead img{border-radius:50%}
h1{font-size:21px;margin:4px 0 14px}.step{font-size:12px;color:#6b7b8b;text-transform:uppercase;letter-spacing:.6px}
label{display:block;font-weight:600;margin:12px 0 4px}input[type=text],input:not([type]),input[type=password],input[type=search],select{width:100%;padding:9px 10px;border:1px solid #b8c4d0;border-radius:6px;font:inherit}
input:focus,select:focus,button:focus{outline:3px solid #7fb3e0;outline-offset:1px}
.actions{display:flex;justify-content:flex-end;gap:8px;margin-top:20px}
button{font:inherit;padding:9px 18px;border-radius:6px;border:1px solid #0b5fa5;background:#0b5fa5;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5fa5}button:hover{filter:brightness(.95)}
.alert{background:#fdecea;border:1px solid #f5c2bd;color:#8a1f11;padding:8px 12px;border-radius:6px}.ok{background:#e8f5e9;border:1px solid #b7dfb9;padding:8px 12px;border-radius:6px}
.hint{font-size:13px;color:#55636f;margin-top:16px}.hint table{border-collapse:collapse;width:100%;margin-top:6px}.hint td,.hint th{border-top:1px solid #e1e7ee;padding:3px 6px;text-align:left}
code{background:#f1f4f8;padding:1px 5px;border-radius:4px}
.search .row{display:flex;gap:6px}.search .row input{flex:1;min-width:0}.search .row select{width:auto;max-width:40%}
ul.banks{list-style:none;padding:0;margin:14px 0 0;max-height:380px;overflow:auto;border:1px solid #e1e7ee;border-radius:8px}
ul.banks li{border-bottom:1px solid #e1e7ee}ul.banks li:last-child{border-bottom:0}ul.banks li.empty{padding:12px;color:#6b7b8b}
button.bank{width:100%;display:flex;align-items:center;gap:10px;background:#fff;color:#1d2733;border:0;border-radius:0;text-align:left;padding:10px 12px}
button.bank:hover{background:#f3f7fb}button.bank small{margin-left:auto;color:#6b7b8b}button.bank img{border-radius:50%}
.check{display:flex;gap:10px;align-items:flex-start;margin-top:16px}.check input{margin-top:5px;width:18px;height:18px}.check label{margin:0;font-weight:500}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;font-size:14px}dl.facts dt{color:#6b7b8b}dl.facts dd{margin:0}
ul.scopes{padding-left:20px}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{text-align:center;font-size:12px;color:#6b7b8b;margin:18px 0}
`;

function layout(title: string, bank: BankDef | null | undefined, body: string, step: string): string {
  const bankHead = bank
    ? `<div class="bankhead"><img src="/logos/${bank.code}.svg" alt="" width="24" height="24"><span>${e(bank.name)} · ${e(COUNTRY_NAMES[bank.countryCode] ?? bank.countryCode)}</span></div>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – Salt Edge Connect (sandbox)</title>
<style>${CSS}</style>
</head>
<body>
<header><span class="brand">Salt Edge Connect</span><span class="tag">Sandbox</span></header>
<main>
<div class="card">
${bankHead}
<div class="step">${e(step)}</div>
<h1>${e(title)}</h1>
${body}
</div>
<footer>Local Salt Edge sandbox — fake banks, no real data leaves this computer.</footer>
</main>
</body>
</html>`;
}
