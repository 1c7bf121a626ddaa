/**
 * Every Salt Edge error class (saltedge-api.md §5 and §9) plus the project-local classes,
 * mapped to words a small-business owner can act on: what happened, and what to do.
 *
 * `retryable` means "the client may retry automatically / the user may simply try again
 * later with nothing changed": only throttling, server and network classes.
 * `action` tells the UI which button to offer.
 */

export type SaltEdgeErrorAction =
  | 'update-credentials'
  | 'wait'
  | 'fix-settings'
  | 'contact-support'
  | 'relink'
  | 'retry'
  | 'none'
  | 'reconnect-consent'
  | 'delete-on-dashboard';

export const SALTEDGE_ERROR_ACTIONS: readonly SaltEdgeErrorAction[] = [
  'update-credentials',
  'wait',
  'fix-settings',
  'contact-support',
  'relink',
  'retry',
  'none',
  'reconnect-consent',
  'delete-on-dashboard',
];

export type SaltEdgeErrorGroup =
  | 'auth'
  | 'request'
  | 'not-found'
  | 'conflict'
  | 'consent'
  | 'bank'
  | 'throttling'
  | 'network'
  | 'local';

export interface SaltEdgeErrorInfo {
  title: string;
  message: string;
  action: SaltEdgeErrorAction;
  retryable: boolean;
  group: SaltEdgeErrorGroup;
}

type Entry = Omit<SaltEdgeErrorInfo, 'group'>;

const e = (title: string, message: string, action: SaltEdgeErrorAction, retryable = false): Entry => ({
  title,
  message,
  action,
  retryable,
});

const KEYS_WRONG = 'Check the App-id and Secret in Settings (copy them again from the Salt Edge dashboard, API keys page).';
const OUR_BUG =
  'The app sent a request Salt Edge could not accept. This is a problem in LeanSoft Companion, not in your data. Try again; if it keeps happening, contact support with the request id.';
const STALE = 'Link the bank again from Online synchronisation. Statements already imported stay in the app.';

const AUTH: Record<string, Entry> = {
  ApiKeyNotFound: e('Salt Edge keys not recognised', `Salt Edge does not know the App-id or Secret this app uses. ${KEYS_WRONG}`, 'fix-settings'),
  AppIdNotProvided: e('App-id missing', `No Salt Edge App-id is set. ${KEYS_WRONG}`, 'fix-settings'),
  SecretNotProvided: e('Secret missing', `No Salt Edge Secret is set. ${KEYS_WRONG}`, 'fix-settings'),
  ClientNotFound: e('Salt Edge account not found', `Salt Edge cannot find the client account these keys belong to. ${KEYS_WRONG}`, 'fix-settings'),
  ClientPending: e(
    'Salt Edge account not yet approved',
    'Your Salt Edge account is still pending, so only the fake test banks are available. Ask Salt Edge to move the account to Test or Live, or use demo mode.',
    'contact-support',
  ),
  ClientRestricted: e(
    'Salt Edge account restricted',
    'Salt Edge has restricted your account (usually an unpaid invoice): data can be read but nothing new can be linked. Settle it on the Salt Edge dashboard or contact Salt Edge.',
    'contact-support',
  ),
  ClientDisabled: e(
    'Salt Edge account disabled',
    'Salt Edge has disabled the account these keys belong to, so every request is refused. Check the keys in Settings, or contact Salt Edge to re-enable the account.',
    'fix-settings',
  ),
  AppsRestricted: e(
    'Wrong kind of Salt Edge key',
    'These keys are "App" keys, which cannot be used for this. Create a "Service" key on the Salt Edge dashboard and enter it in Settings.',
    'fix-settings',
  ),
  ActionNotAllowed: e(
    'Not allowed for this Salt Edge account',
    'Your Salt Edge account is not allowed to do this (for example, the plan or status does not include it). Check the account on the Salt Edge dashboard or contact Salt Edge.',
    'contact-support',
  ),
  WrongClientToken: e('Salt Edge keys not accepted', `Salt Edge rejected the key this app sent. ${KEYS_WRONG}`, 'fix-settings'),
  ExpiresAtInvalid: e(
    'Computer clock is off',
    'Salt Edge rejected the request time. Make sure the date, time and time zone of this computer are set automatically, then try again.',
    'fix-settings',
  ),
  MissingExpiresAt: e(
    'Request signing is required',
    'Your Salt Edge account requires signed requests. Add the private signing key in Settings (its public half must be on the Salt Edge dashboard).',
    'fix-settings',
  ),
  MissingSignature: e(
    'Request signing is required',
    'Your Salt Edge account requires signed requests. Add the private signing key in Settings (its public half must be on the Salt Edge dashboard).',
    'fix-settings',
  ),
  SignatureNotMatch: e(
    'Signing key does not match',
    'Salt Edge could not verify the request signature. The private key in Settings must be the pair of the public key on the Salt Edge dashboard (API keys page). Enter the right key and try again.',
    'fix-settings',
  ),
  RequestExpired: e(
    'Computer clock is off',
    'Salt Edge says the request had already expired when it arrived. Set this computer to take its date and time automatically, then try again.',
    'fix-settings',
  ),
  PublicKeyNotProvided: e(
    'Public key missing at Salt Edge',
    'The app signs requests but no public key is set on the Salt Edge dashboard. Paste the public key on the dashboard API keys page, or remove the signing key from Settings.',
    'fix-settings',
  ),
};

const REQUEST: Record<string, Entry> = Object.fromEntries(
  (
    [
      ['WrongRequestFormat', 'Request not understood'],
      ['JsonParseError', 'Request not understood'],
      ['InvalidEncoding', 'Request not understood'],
      ['ValueOutOfRange', 'Value out of range'],
      ['DateFormatInvalid', 'Invalid date'],
      ['DateTimeFormatInvalid', 'Invalid date'],
      ['DateOutOfRange', 'Date out of range'],
      ['DateTimeOutOfRange', 'Date out of range'],
      ['InvalidFromDate', 'Invalid start date'],
      ['InvalidToDate', 'Invalid end date'],
      ['IdentifierInvalid', 'Invalid customer identifier'],
      ['CustomFieldsSizeTooBig', 'Request not understood'],
      ['CustomFieldsFormatInvalid', 'Request not understood'],
      ['FetchScopesInvalid', 'Invalid data selection'],
      ['FetchScopesNotAllowed', 'Data selection not allowed'],
      ['BatchSizeLimitExceeded', 'Request too large'],
      ['RouteNotFound', 'Wrong Salt Edge address'],
      ['WrongProviderMode', 'Bank cannot be used this way'],
    ] as const
  ).map(([cls, title]) => [cls, e(title, OUR_BUG, 'contact-support')]),
);
// Request classes with a more specific cure.
REQUEST.RouteNotFound = e(
  'Wrong Salt Edge address',
  'The Salt Edge server does not know this address. Check the API URL in Settings (it should end in /api/v6) or restore the default.',
  'fix-settings',
);
REQUEST.ReturnURLInvalid = e(
  'Return address rejected',
  'Salt Edge did not accept the address the app asked it to return to after the bank login. Try again; if it keeps happening, contact support.',
  'contact-support',
);
REQUEST.ReturnURLTooLong = e(
  'Return address rejected',
  'Salt Edge did not accept the address the app asked it to return to after the bank login (too long). Try again; if it keeps happening, contact support.',
  'contact-support',
);
REQUEST.IdentifierInvalid = e(
  'Email address not accepted',
  'Salt Edge did not accept the email address used to identify you. Check the email address and try again.',
  'fix-settings',
);
REQUEST.InvalidFromDate = e(
  'Start date not accepted',
  'The bank or Salt Edge does not allow importing from that date (it is usually limited to about a year back). Choose a later start date and try again.',
  'fix-settings',
);
REQUEST.InvalidToDate = e('End date not accepted', 'The end date was not accepted. Choose an end date that is not in the future and try again.', 'fix-settings');

const notFound = (what: string): Entry =>
  e(`${what} no longer exists at Salt Edge`, `Salt Edge no longer has this ${what.toLowerCase()}: it was probably deleted on the Salt Edge dashboard or by another app. ${STALE}`, 'relink');

const NOT_FOUND: Record<string, Entry> = {
  CustomerNotFound: e(
    'Salt Edge customer no longer exists',
    `Salt Edge no longer knows the customer this app linked your banks with (it may have been deleted on the Salt Edge dashboard). ${STALE}`,
    'relink',
  ),
  ConnectionNotFound: notFound('Bank connection'),
  AccountNotFound: notFound('Account'),
  TransactionNotFound: e(
    'Transaction no longer at Salt Edge',
    'Salt Edge no longer has this transaction (the bank may have removed or replaced it). Synchronise again to get the current list.',
    'retry',
  ),
  AttemptNotFound: e('Sync attempt not found', 'Salt Edge has no record of this synchronisation attempt. Synchronise again.', 'retry'),
  ProviderNotFound: e(
    'Bank not available',
    'Salt Edge does not offer this bank (any more). Search for it again in the bank list; it may be listed under a new name.',
    'relink',
  ),
  CountryNotFound: e('Country not available', 'Salt Edge does not offer banks in this country. Choose another country.', 'none'),
};

const CONFLICT: Record<string, Entry> = {
  DuplicatedCustomer: e(
    'Customer already exists',
    'A Salt Edge customer with this email address already exists. The app will use the existing one; try again.',
    'retry',
  ),
  ConnectionDuplicated: e(
    'This bank login is already synchronised',
    'Salt Edge already has a connection with these bank login details. If it is listed here, use Update credentials on it to reactivate it. If it was made elsewhere, delete it on the Salt Edge dashboard, then link the bank again here.',
    'update-credentials',
  ),
  LoginDuplicated: e(
    'This bank login is already synchronised',
    'Salt Edge already has a connection with these bank login details. If it is listed here, use Update credentials on it to reactivate it. If it was made elsewhere, delete it on the Salt Edge dashboard, then link the bank again here.',
    'update-credentials',
  ),
  CustomerLocked: e(
    'Salt Edge customer locked',
    'The Salt Edge customer these banks are linked under is locked. Unlock it on the Salt Edge dashboard, or contact Salt Edge.',
    'contact-support',
  ),
  ConnectionAlreadyProcessing: e(
    'Synchronisation already running',
    'Salt Edge is still fetching data for this bank. Wait a few minutes, then synchronise again.',
    'wait',
  ),
  ConnectionAlreadyAuthorized: e(
    'Already authorised',
    'This bank connection is already authorised; nothing more is needed. Synchronise to get the latest data.',
    'none',
  ),
  ConnectionCannotBeRefreshed: e(
    'Bank cannot be refreshed yet',
    'The bank allows only a limited number of refreshes, or this connection needs you to sign in again. Wait until the next refresh time shown; if the connection is inactive, use Update credentials.',
    'wait',
  ),
  ConnectionDisabled: e(
    'Bank connection disabled',
    'This bank connection was disabled at Salt Edge and can no longer synchronise. Delete it here and link the bank again.',
    'relink',
  ),
  ConnectionLimitReached: e(
    'Connection limit reached',
    'Your Salt Edge plan allows no more bank connections (test accounts are capped). Delete a connection you no longer use, or upgrade the plan with Salt Edge.',
    'contact-support',
  ),
  BackgroundFetchLimitExceeded: e(
    'Daily refresh limit reached',
    'The bank allows only a few automatic refreshes per day. Wait until tomorrow, or use Update credentials to refresh while you are present.',
    'wait',
  ),
  CategorizationLimitReached: e(
    'Categorisation limit reached',
    'Your Salt Edge plan has used up its categorisation quota. Transactions still import; contact Salt Edge to raise the limit.',
    'contact-support',
  ),
  AllAccountsExcluded: e(
    'No accounts selected',
    'All accounts of this bank were excluded, so there is nothing to import. Use Fetch accounts and select at least one account.',
    'update-credentials',
  ),
  HolderInfoNotSupported: e(
    'Account holder details not available',
    'This bank does not provide account holder details. Link it again without the holder information option.',
    'relink',
  ),
};

const CONSENT: Record<string, Entry> = {
  AispConsentNotFound: e(
    'Consent not found',
    'Salt Edge has no record of your consent for this bank. Use Update credentials to give consent again.',
    'reconnect-consent',
  ),
  AispConsentRevoked: e(
    'Consent revoked',
    'The consent to read this bank account was revoked (by you, the bank or Salt Edge). Use Update credentials to give consent again.',
    'reconnect-consent',
  ),
  AispConsentExpired: e(
    'Consent expired',
    'Your consent to read this bank account has expired (banks require renewal, usually every 90 or 180 days). Use Update credentials to renew it.',
    'reconnect-consent',
  ),
  AispConsentAlreadyRevoked: e(
    'Consent already revoked',
    'The consent for this bank was already revoked; nothing more to do. You can now delete the synchronisation here.',
    'none',
  ),
  AispConsentScopesInvalid: e(
    'Consent request not accepted',
    'Salt Edge did not accept the kind of access requested. Try again; if it keeps happening, contact support.',
    'contact-support',
  ),
  AispConsentScopesNotAllowed: e(
    'Consent request not allowed',
    'This bank (or your Salt Edge plan) does not allow the kind of access requested. Contact support.',
    'contact-support',
  ),
  InvalidAispConsentFromDate: e(
    'Consent start date not accepted',
    'The bank does not allow access that far back. Choose a later start date (usually at most a year back) and try again.',
    'fix-settings',
  ),
  InvalidAispConsentPeriod: e(
    'Consent period not accepted',
    'The consent period is longer than this bank allows. Choose a shorter period (see the maximum consent days shown for the bank) and try again.',
    'fix-settings',
  ),
  DateOutOfAispConsentRange: e(
    'Date outside the consent',
    'The dates asked for are outside what you consented to. Use Update credentials to give consent for a longer period, or choose a later start date.',
    'reconnect-consent',
  ),
};

const BANK: Record<string, Entry> = {
  InvalidCredentials: e(
    'Bank login not accepted',
    'Your bank did not accept the login details. Use Update credentials to sign in again.',
    'update-credentials',
  ),
  InvalidInteractiveCredentials: e(
    'Bank code not accepted',
    'The one-time code or answer you gave the bank was not accepted. Use Update credentials and enter the new code the bank sends.',
    'update-credentials',
  ),
  CredentialsNotMatch: e(
    'Different bank login',
    'The login details do not belong to the user this connection was made with. Use Update credentials with the original login, or link the other login as a new bank.',
    'update-credentials',
  ),
  InteractiveTimeout: e(
    'Bank waited too long',
    'The bank asked for a code or confirmation and no answer came in time. Use Update credentials and complete the bank step promptly.',
    'update-credentials',
  ),
  InteractiveAdapterTimeout: e(
    'Bank waited too long',
    'The bank asked for a code or confirmation and no answer came in time. Use Update credentials and complete the bank step promptly.',
    'update-credentials',
  ),
  FetchingTimeout: e(
    'Bank took too long',
    'The bank took too long to send the data. Wait a while, then synchronise again.',
    'wait',
  ),
  ExecutionTimeout: e('Bank took too long', 'The bank took too long to answer. Wait a while, then synchronise again.', 'wait'),
  ConnectionFailed: e(
    'Could not reach the bank',
    'Salt Edge could not connect to your bank. This is usually temporary: wait a while, then synchronise again.',
    'wait',
  ),
  ConnectionLost: e(
    'Connection to the bank lost',
    'The connection to your bank was lost while fetching data. Wait a while, then synchronise again.',
    'wait',
  ),
  ConnectionFetchingStopped: e(
    'Fetching stopped',
    'Fetching data from the bank was stopped before it finished. Synchronise again; if it stops again, use Update credentials.',
    'update-credentials',
  ),
  ProviderError: e(
    'Bank error',
    'Your bank reported an error. This is usually on the bank side and temporary: wait a while, then synchronise again.',
    'wait',
  ),
  ProviderUnavailable: e(
    'Bank unavailable',
    'Your bank is not available right now (maintenance or an outage). Wait a while, then synchronise again.',
    'wait',
  ),
  ProviderInactive: e(
    'Bank temporarily not supported',
    'Salt Edge has temporarily stopped supporting this bank. Wait until it is back; nothing needs to change here.',
    'wait',
  ),
  ProviderDisabled: e(
    'Bank no longer supported',
    'Salt Edge no longer supports this bank. Check whether it is listed under a new name and link it again; imported statements stay here.',
    'relink',
  ),
  ProviderAccessNotGranted: e(
    'Access not granted at the bank',
    'The bank did not grant access (for example, the consent was declined at the bank). Use Update credentials and approve the access at your bank.',
    'update-credentials',
  ),
  ProviderNotInteractive: e(
    'Bank cannot ask for codes',
    'This bank cannot be used with an extra confirmation step here. Link it again; if it keeps failing, contact support.',
    'relink',
  ),
};

const THROTTLING: Record<string, Entry> = {
  RateLimitExceeded: e(
    'Too many requests',
    'Salt Edge asked the app to slow down. Wait a moment, then try again.',
    'wait',
    true,
  ),
  TooManyRequests: e('Too many requests', 'Salt Edge asked the app to slow down. Wait a moment, then try again.', 'wait', true),
  InternalServerError: e(
    'Salt Edge had a problem',
    'Salt Edge had an internal problem answering. This is usually temporary: try again in a few minutes.',
    'retry',
    true,
  ),
};

const NETWORK: Record<string, Entry> = {
  NetworkUnavailable: e(
    'No connection to Salt Edge',
    'The app could not reach Salt Edge. Check the internet connection (and any proxy or firewall), then try again. Imported statements remain available offline.',
    'retry',
    true,
  ),
  Timeout: e(
    'Salt Edge did not answer in time',
    'Salt Edge took too long to answer. Check the internet connection and try again in a moment.',
    'retry',
    true,
  ),
};

const LOCAL: Record<string, Entry> = {
  UserCancelled: e('You cancelled at Salt Edge', 'You cancelled at Salt Edge, so nothing was linked or changed. Start again whenever you are ready.', 'none'),
  InvalidResponse: e(
    'Unexpected answer from Salt Edge',
    'Salt Edge answered with data the app does not understand, so nothing was imported from it. Try again later; if it keeps happening, contact support with the request id.',
    'contact-support',
  ),
  MalformedResponse: e(
    'Unreadable answer from Salt Edge',
    'The answer from the Salt Edge server could not be read (it was not data, or it was cut off). Check the API URL in Settings and any proxy, then try again.',
    'retry',
  ),
  RepeatedPaginationCursor: e(
    'Salt Edge sent the same page twice',
    'Salt Edge kept sending the same list of transactions, so the import stopped to avoid looping. Nothing was lost; try again later, and contact support if it keeps happening.',
    'contact-support',
  ),
  TooManyPages: e(
    'Too much data in one go',
    'Salt Edge returned more pages than the app reads in one go, so the import stopped. Choose a later start date, or contact support.',
    'contact-support',
  ),
  RedirectRejected: e(
    'Bank sign-in could not be confirmed',
    'The return from Salt Edge did not match a sign-in started by this app (it was too old, used twice, or came from elsewhere). Start the step again from the app.',
    'retry',
  ),
};

const withGroup = (group: SaltEdgeErrorGroup, entries: Record<string, Entry>): Record<string, SaltEdgeErrorInfo> =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { ...v, group }]));

/** The table. Keys are Salt Edge `error.class` values and project-local classes. */
export const SALTEDGE_ERRORS: Readonly<Record<string, Readonly<SaltEdgeErrorInfo>>> = Object.freeze({
  ...withGroup('auth', AUTH),
  ...withGroup('request', REQUEST),
  ...withGroup('not-found', NOT_FOUND),
  ...withGroup('conflict', CONFLICT),
  ...withGroup('consent', CONSENT),
  ...withGroup('bank', BANK),
  ...withGroup('throttling', THROTTLING),
  ...withGroup('network', NETWORK),
  ...withGroup('local', LOCAL),
});

/** Project-local classes (not sent by Salt Edge). */
export const LOCAL_ERROR_CLASSES = [
  'UserCancelled',
  'InvalidResponse',
  'MalformedResponse',
  'RepeatedPaginationCursor',
  'TooManyPages',
  'NetworkUnavailable',
  'Timeout',
  'RedirectRejected',
] as const;
export type LocalErrorClass = (typeof LOCAL_ERROR_CLASSES)[number];

const FALLBACK: SaltEdgeErrorInfo = {
  title: 'Salt Edge reported a problem',
  message: 'Salt Edge could not complete the request. Try again later; if it keeps happening, contact support with the error details.',
  action: 'contact-support',
  retryable: false,
  group: 'request',
};

export interface DescribeContext {
  /** Seconds Salt Edge asked us to wait (Retry-After). */
  retryAfter?: number;
  /** ISO datetime from `connection.next_refresh_possible_at`. */
  nextRefreshAt?: string | null;
  /** Locale for the date in messages (default: the runtime's). */
  locale?: string;
}

export interface SaltEdgeErrorDescription extends SaltEdgeErrorInfo {
  errorClass: string;
  known: boolean;
}

/** Looks up a class (unknown classes get a generic message) and adds timing hints. */
export function describeSaltEdgeError(errorClass: string, ctx: DescribeContext = {}): SaltEdgeErrorDescription {
  const hit = Object.prototype.hasOwnProperty.call(SALTEDGE_ERRORS, errorClass) ? SALTEDGE_ERRORS[errorClass] : undefined;
  const info = hit ?? FALLBACK;
  let message = info.message;
  if (ctx.retryAfter !== undefined && Number.isFinite(ctx.retryAfter) && ctx.retryAfter > 0) {
    message += ` Salt Edge asked to wait ${humanDuration(ctx.retryAfter)}.`;
  }
  if (ctx.nextRefreshAt) {
    const when = new Date(ctx.nextRefreshAt);
    if (!Number.isNaN(when.getTime())) {
      const text = when.toLocaleString(ctx.locale, { dateStyle: 'medium', timeStyle: 'short' });
      message += ` The next refresh is possible from ${text}.`;
    }
  }
  return { ...info, message, errorClass, known: hit !== undefined };
}

function humanDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `about ${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `about ${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.ceil(m / 60);
  return `about ${h} hour${h === 1 ? '' : 's'}`;
}
