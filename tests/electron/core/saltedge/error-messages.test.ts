import { describe, expect, it } from 'vitest';
import {
  LOCAL_ERROR_CLASSES,
  SALTEDGE_ERRORS,
  SALTEDGE_ERROR_ACTIONS,
  describeSaltEdgeError,
} from '../../../../electron/core/saltedge/error-messages.js';
import { SaltEdgeError } from '../../../../electron/core/saltedge/errors.js';

// Every class named in shared/saltedge-api.md §5 and §9, by group (Date(Time)… and
// CustomFields* expanded to the real class names).
const REFERENCE: Record<string, string[]> = {
  auth: [
    'ApiKeyNotFound', 'AppIdNotProvided', 'SecretNotProvided', 'ClientNotFound', 'ClientPending', 'ClientRestricted',
    'ClientDisabled', 'AppsRestricted', 'ActionNotAllowed', 'WrongClientToken', 'ExpiresAtInvalid', 'MissingExpiresAt',
    'MissingSignature', 'SignatureNotMatch', 'RequestExpired', 'PublicKeyNotProvided',
  ],
  request: [
    'WrongRequestFormat', 'JsonParseError', 'InvalidEncoding', 'ValueOutOfRange', 'DateFormatInvalid', 'DateTimeFormatInvalid',
    'DateOutOfRange', 'DateTimeOutOfRange', 'InvalidFromDate', 'InvalidToDate', 'IdentifierInvalid', 'CustomFieldsSizeTooBig',
    'CustomFieldsFormatInvalid', 'ReturnURLInvalid', 'ReturnURLTooLong', 'FetchScopesInvalid', 'FetchScopesNotAllowed',
    'BatchSizeLimitExceeded', 'RouteNotFound', 'WrongProviderMode',
  ],
  'not-found': [
    'CustomerNotFound', 'ConnectionNotFound', 'AccountNotFound', 'TransactionNotFound', 'AttemptNotFound', 'ProviderNotFound',
    'CountryNotFound',
  ],
  conflict: [
    'DuplicatedCustomer', 'ConnectionDuplicated', 'CustomerLocked', 'ConnectionAlreadyProcessing', 'ConnectionAlreadyAuthorized',
    'ConnectionCannotBeRefreshed', 'ConnectionDisabled', 'ConnectionLimitReached', 'BackgroundFetchLimitExceeded',
    'CategorizationLimitReached', 'AllAccountsExcluded', 'HolderInfoNotSupported',
  ],
  consent: [
    'AispConsentNotFound', 'AispConsentRevoked', 'AispConsentExpired', 'AispConsentAlreadyRevoked', 'AispConsentScopesInvalid',
    'AispConsentScopesNotAllowed', 'InvalidAispConsentFromDate', 'InvalidAispConsentPeriod', 'DateOutOfAispConsentRange',
  ],
  bank: [
    'InvalidCredentials', 'InvalidInteractiveCredentials', 'CredentialsNotMatch', 'InteractiveTimeout', 'InteractiveAdapterTimeout',
    'FetchingTimeout', 'ExecutionTimeout', 'ConnectionFailed', 'ConnectionLost', 'ConnectionFetchingStopped', 'ProviderError',
    'ProviderUnavailable', 'ProviderInactive', 'ProviderDisabled', 'ProviderAccessNotGranted', 'ProviderNotInteractive',
  ],
  throttling: ['RateLimitExceeded', 'TooManyRequests', 'InternalServerError'],
};
const LOCAL = ['UserCancelled', 'InvalidResponse', 'MalformedResponse', 'RepeatedPaginationCursor', 'NetworkUnavailable', 'Timeout', 'RedirectRejected'];
const RETRYABLE = new Set(['RateLimitExceeded', 'TooManyRequests', 'InternalServerError', 'NetworkUnavailable', 'Timeout']);

const all = [...Object.values(REFERENCE).flat(), ...LOCAL];

describe('Salt Edge error message table', () => {
  it.each(all)('%s has a usable entry', (cls) => {
    const info = SALTEDGE_ERRORS[cls];
    expect(info, cls).toBeDefined();
    expect(info!.title.trim().length).toBeGreaterThan(3);
    expect(info!.message.trim().length).toBeGreaterThan(20);
    expect(SALTEDGE_ERROR_ACTIONS).toContain(info!.action);
    expect(info!.retryable).toBe(RETRYABLE.has(cls));
  });

  it('groups classes as the reference does', () => {
    for (const [group, classes] of Object.entries(REFERENCE)) {
      for (const cls of classes) {
        if (cls === 'AispConsentNotFound') continue; // listed in both "not found" and consent errors
        expect(SALTEDGE_ERRORS[cls]!.group, cls).toBe(group);
      }
    }
    for (const cls of LOCAL) expect((LOCAL_ERROR_CLASSES as readonly string[]).includes(cls), cls).toBe(true);
  });

  it('only throttling, server and network classes are retryable', () => {
    for (const [cls, info] of Object.entries(SALTEDGE_ERRORS)) {
      expect(info.retryable, cls).toBe(RETRYABLE.has(cls));
      if (info.retryable) expect(['throttling', 'network']).toContain(info.group);
    }
  });

  it('says what to do for the key cases', () => {
    expect(SALTEDGE_ERRORS.InvalidCredentials!.message).toBe(
      'Your bank did not accept the login details. Use Update credentials to sign in again.',
    );
    expect(SALTEDGE_ERRORS.InvalidCredentials!.action).toBe('update-credentials');
    expect(SALTEDGE_ERRORS.RateLimitExceeded!.action).toBe('wait');
    expect(SALTEDGE_ERRORS.ClientDisabled!.action).toBe('fix-settings');
    expect(SALTEDGE_ERRORS.ClientDisabled!.message).toMatch(/contact Salt Edge/);
    expect(SALTEDGE_ERRORS.ConnectionDuplicated!.message).toMatch(/already/);
    expect(SALTEDGE_ERRORS.ConnectionDuplicated!.message).toMatch(/dashboard/);
    expect(SALTEDGE_ERRORS.AispConsentExpired!.action).toBe('reconnect-consent');
    expect(SALTEDGE_ERRORS.ConnectionNotFound!.action).toBe('relink');
    expect(SALTEDGE_ERRORS.UserCancelled!.title).toBe('You cancelled at Salt Edge');
  });

  it('describes unknown classes generically and adds timing hints', () => {
    const d = describeSaltEdgeError('SomethingNew');
    expect(d.known).toBe(false);
    expect(d.message.length).toBeGreaterThan(20);
    expect(SALTEDGE_ERROR_ACTIONS).toContain(d.action);
    expect(d.retryable).toBe(false);
    expect(describeSaltEdgeError('RateLimitExceeded', { retryAfter: 90 }).message).toMatch(/about 2 minutes/);
    expect(describeSaltEdgeError('RateLimitExceeded', { retryAfter: 5 }).message).toMatch(/about 5 seconds/);
    expect(describeSaltEdgeError('ConnectionCannotBeRefreshed', { nextRefreshAt: '2026-11-22T10:00:00Z', locale: 'en-GB' }).message).toMatch(
      /next refresh is possible from .*2026/,
    );
    expect(describeSaltEdgeError('toString').known).toBe(false); // no prototype lookups
  });

  it('SaltEdgeError carries the table entry and presents itself without secrets', () => {
    const e = new SaltEdgeError({ errorClass: 'InvalidCredentials', message: 'Invalid credentials', httpStatus: 406, requestId: 'r-1' });
    expect(e).toBeInstanceOf(Error);
    expect(e.userAction).toBe('update-credentials');
    expect(e.userMessage).toMatch(/Update credentials/);
    const p = e.toAppErrorPayload();
    expect(p.code).toBe('saltedge');
    expect(p.details).toMatchObject({ errorClass: 'InvalidCredentials', requestId: 'r-1', httpStatus: 406, action: 'update-credentials' });
    expect(new SaltEdgeError({ errorClass: 'NetworkUnavailable', message: 'x' }).toAppErrorPayload().code).toBe('offline');
    expect(e.toLogLine()).toContain('request r-1');
  });
});
