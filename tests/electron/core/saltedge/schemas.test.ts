import { describe, expect, it } from 'vitest';
import { v6Endpoints } from '../../../../electron/core/saltedge/v6/endpoints.js';
import { ResponseShapeError, parseJsonLossless } from '../../../../electron/core/saltedge/validate.js';

const parse = <T>(spec: { parse(e: unknown): T }, json: string): T => spec.parse(parseJsonLossless(json));
const shapeError = (fn: () => unknown): ResponseShapeError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ResponseShapeError);
    return e as ResponseShapeError;
  }
  throw new Error('expected a shape error');
};

const txJson = (over: Record<string, string> = {}) => {
  const f: Record<string, string> = {
    id: '"987654321098765432"',
    account_id: '"100"',
    made_on: '"2026-02-28"',
    amount: '-12.300000000000001',
    currency_code: '"EUR"',
    description: '"Coffee"',
    category: '"food"',
    mode: '"normal"',
    status: '"posted"',
    duplicated: 'false',
    extra: '{"id":"bank-1","payee":"Cafe","posting_date":"2026-03-01","account_balance_snapshot":1e3,"unknown_field":12345678901234567890}',
    created_at: '"2026-03-01T10:00:00Z"',
    updated_at: '"2026-03-01T10:00:00Z"',
    ...over,
  };
  return `{${Object.entries(f)
    .map(([k, v]) => `"${k}":${v}`)
    .join(',')}}`;
};
const txPage = (rows: string[], next: string = 'null') => `{"data":[${rows.join(',')}],"meta":{"next_id":${next},"next_page":null}}`;
const txSpec = v6Endpoints.listTransactions({ connectionId: '1', accountId: '100', pending: false, perPage: 1000 });

describe('v6 transaction schema', () => {
  it('maps a row to the domain type with exact minor units and the raw text', () => {
    const page = parse(txSpec(null), txPage([txJson()], '"55"'));
    expect(page.nextId).toBe('55');
    const t = page.items[0]!;
    expect(t).toMatchObject({
      id: '987654321098765432',
      accountId: '100',
      madeOn: '2026-02-28',
      amount: { minor: -1230, text: '-12.300000000000001' },
      currencyCode: 'EUR',
      exponent: 2,
      status: 'posted',
      duplicated: false,
      extra: { bankId: 'bank-1', payee: 'Cafe', postingDate: '2026-03-01', accountBalanceSnapshot: { minor: 100000, text: '1e3' } },
    });
    // raw keeps every field and number exactly as received
    expect(t.raw).toContain('"unknown_field":12345678901234567890');
    expect(t.raw).toContain('"amount":-12.300000000000001');
  });

  it('uses the currency exponent (JPY 0, KWD 3) and scientific notation', () => {
    const rows = [txJson({ amount: '1500', currency_code: '"JPY"' }), txJson({ amount: '-1.5E-2', currency_code: '"KWD"' })];
    const [a, b] = parse(txSpec(null), txPage(rows)).items;
    expect(a!.amount.minor).toBe(1500);
    expect(b!.amount.minor).toBe(-15);
    expect(b!.exponent).toBe(3);
  });

  it('accepts integer ids sent as numbers without losing digits', () => {
    const t = parse(txSpec(null), txPage([txJson({ id: '1092933278672886687', account_id: '7' })])).items[0]!;
    expect(t.id).toBe('1092933278672886687');
    expect(t.accountId).toBe('7');
  });

  it.each([
    [{ amount: '"4.00"' }, 'data[0].amount: expected number'],
    [{ made_on: '"2026-02-30"' }, 'data[0].made_on: expected date YYYY-MM-DD'],
    [{ made_on: '"2026-02-28T00:00:00Z"' }, 'data[0].made_on: expected date YYYY-MM-DD'],
    [{ made_on: '20260228' }, 'data[0].made_on: expected string, got number'],
    [{ currency_code: '"EURO"' }, 'data[0].currency_code: expected a 3-letter currency code'],
    [{ status: '"booked"' }, 'data[0].status: expected one of "posted"|"pending", got "booked"'],
    [{ id: 'null' }, 'data[0].id'],
    [{ amount: '1e400' }, 'data[0].amount: Amount out of range'],
  ])('rejects %o', (over, message) => {
    const e = shapeError(() => parse(txSpec(null), txPage([txJson(over as Record<string, string>)])));
    expect(e.message).toContain(message);
  });

  it('names the row index of a bad row', () => {
    const rows = [txJson(), txJson(), txJson(), txJson({ amount: '"x"' })];
    expect(shapeError(() => parse(txSpec(null), txPage(rows))).message).toBe('data[3].amount: expected number');
    expect(shapeError(() => parse(txSpec(null), '{"data":{}}')).message).toBe('data: expected array, got object');
  });

  it('builds the page request with the cursor and pending flag', () => {
    expect(txSpec('42')).toMatchObject({ method: 'GET', path: 'transactions', idempotent: true, query: { connection_id: '1', account_id: '100', per_page: '1000', from_id: '42' } });
    const pending = v6Endpoints.listTransactions({ connectionId: '1', accountId: '100', pending: true, perPage: 5 })(null);
    expect(pending.query).toMatchObject({ pending: 'true', per_page: '5' });
    expect(pending.query?.from_id).toBeUndefined();
  });
});

describe('v6 other schemas', () => {
  it('account balances in minor units', () => {
    const json = `{"data":[{"id":"1","connection_id":"2","name":"Main","nature":"checking","balance":1200.00,"currency_code":"HUF",
      "extra":{"iban":"HU42","available_amount":99.995,"transactions_count":{"posted":3,"pending":1}},"created_at":"x","updated_at":"y"}],"meta":{"next_id":null}}`;
    const [a] = parse(v6Endpoints.listAccounts('2')(null), json).items;
    expect(a).toMatchObject({
      id: '1',
      currencyCode: 'HUF',
      exponent: 2,
      balance: { minor: 120000, text: '1200.00' },
      extra: { iban: 'HU42', availableAmount: { minor: 10000 }, transactionsCount: { posted: 3, pending: 1 }, accountNumber: null },
    });
  });

  it('connection with last attempt; lastSuccessAt from the attempt', () => {
    const json = `{"data":{"id":"11","customer_id":"22","customer_identifier":"a@b.c","provider_code":"fake","provider_name":"Fake",
      "country_code":"XF","status":"inactive","categorization":"personal","automatic_refresh":false,"next_refresh_possible_at":null,
      "last_consent_id":"33","created_at":"c","updated_at":"u","last_attempt":{"id":"44","success_at":"2026-01-01T00:00:00Z","fail_at":null,
      "fail_error_class":"InvalidCredentials","fail_message":"bad","finished":true,"finished_recent":true,"fetch_scopes":["accounts"],
      "from_date":"2025-10-01","to_date":null,"partial":false,"store_credentials":true,"user_present":true,"last_stage":{"name":"finish"},
      "created_at":"c","updated_at":"u"}}}`;
    const c = parse(v6Endpoints.getConnection('11'), json);
    expect(c).toMatchObject({ id: '11', status: 'inactive', lastConsentId: '33', lastSuccessAt: '2026-01-01T00:00:00Z' });
    expect(c.lastAttempt).toMatchObject({ id: '44', failErrorClass: 'InvalidCredentials', lastStage: 'finish', finished: true });
    expect(shapeError(() => parse(v6Endpoints.getConnection('11'), json.replace('"inactive"', '"gone"'))).message).toMatch(/^data\.status: expected one of/);
  });

  it('consent, customer, provider, country, connect session, removed', () => {
    const consent = parse(
      v6Endpoints.getConsent('1'),
      `{"data":{"id":"1","connection_id":"2","customer_id":"3","scopes":["accounts","transactions"],"period_days":90,"expires_at":"2026-05-01T00:00:00Z",
        "from_date":"2025-11-01","to_date":null,"collected_by":"client","revoked_at":null,"revoke_reason":null,"created_at":"c","updated_at":"u"}}`,
    );
    expect(consent).toMatchObject({ id: '1', periodDays: 90, revokedAt: null, scopes: ['accounts', 'transactions'] });
    expect(parse(v6Endpoints.createCustomer('x'), '{"data":{"customer_id":"9","identifier":"x","blocked_at":null,"created_at":"c","updated_at":"u"}}').id).toBe('9');
    const prov = parse(
      v6Endpoints.listProviders({ includeSandboxes: true })(null),
      `{"data":[{"code":"fakebank_simple_xf","name":"Fake","country_code":"XF","mode":"web","status":"active","interactive":false,"automatic_fetch":true,
        "max_consent_days":null,"supported_fetch_scopes":["accounts"],"supported_account_natures":["account"],"regulated":false,"refresh_timeout":60,
        "home_url":"h","logo_url":"l","identification_mode":"saltedge","created_at":"c","updated_at":"u"}],"meta":{"next_id":null}}`,
    ).items[0];
    expect(prov).toMatchObject({ code: 'fakebank_simple_xf', maxConsentDays: null, refreshTimeout: 60, automaticFetch: true });
    expect(parse(v6Endpoints.listCountries()(null), '{"data":[{"code":"XF","name":"Fake","refresh_start_time":2}]}').items).toEqual([
      { code: 'XF', name: 'Fake', refreshStartTime: 2 },
    ]);
    expect(parse(v6Endpoints.createRefreshSession('1', { returnTo: 'http://x' }), '{"data":{"connect_url":"https://c/x","expires_at":"e","customer_id":"3"}}')).toEqual({
      connectUrl: 'https://c/x',
      expiresAt: 'e',
      customerId: '3',
    });
    expect(parse(v6Endpoints.removeConnection('5'), '{"data":{"id":"5","removed":true}}')).toEqual({ id: '5', removed: true });
    expect(shapeError(() => parse(v6Endpoints.getConsent('1'), '{"data":{"id":"1","period_days":1.5}}')).message).toBe('data.period_days: expected an integer');
  });

  it('recognises error bodies', () => {
    expect(v6Endpoints.parseError(parseJsonLossless('{"error":{"class":"ConnectionNotFound","message":"m"},"request":{"id":"r"}}'))).toEqual({
      errorClass: 'ConnectionNotFound',
      message: 'm',
      requestId: 'r',
    });
    expect(v6Endpoints.parseError(parseJsonLossless('{"error_class":"Old","error_message":"m"}'))).toEqual({ errorClass: 'Old', message: 'm' });
    expect(v6Endpoints.parseError(parseJsonLossless('{"data":[]}'))).toBeNull();
  });

  it('builds v6 connect bodies with correct nesting', () => {
    const spec = v6Endpoints.createConnectSession(
      {
        customerId: '5',
        providerCode: 'fakebank_simple_xf',
        consent: { scopes: ['accounts', 'transactions'], fromDate: '2026-01-01', periodDays: 90 },
        returnTo: 'http://127.0.0.1/r',
        fetchFromDate: '2026-02-01',
        locale: 'de',
        allowedCountries: ['DE'],
      },
      { includeSandboxes: true },
    );
    expect(spec).toMatchObject({ method: 'POST', path: 'connections/connect', idempotent: false });
    expect(spec.body).toEqual({
      data: {
        customer_id: '5',
        consent: { scopes: ['accounts', 'transactions'], from_date: '2026-01-01', period_days: 90 },
        attempt: { fetch_scopes: ['accounts', 'transactions'], fetch_from_date: '2026-02-01', return_to: 'http://127.0.0.1/r', locale: 'de' },
        widget: { allowed_countries: ['DE'] },
        provider: { code: 'fakebank_simple_xf', include_sandboxes: true },
        return_connection_id: true,
        return_error_class: true,
      },
    });
    expect(v6Endpoints.revokeConsent('7', '8')).toMatchObject({ method: 'PUT', path: 'consents/7/revoke', query: { connection_id: '8' }, idempotent: true });
    expect(v6Endpoints.backgroundRefresh('8', {}).body).toEqual({ data: { attempt: { fetch_scopes: ['accounts', 'transactions'] } } });
  });
});
