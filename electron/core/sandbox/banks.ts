/**
 * The fake banks ("providers") of the sandbox and the deterministic generators of their data.
 *
 * Every value derives from (seed, provider code, login identity, account, date…), so the same
 * seed and the same actions always give the same accounts and transactions. Money is bigint
 * minor units; see money.ts for how it is written to JSON.
 */
import { addDays } from './clock.js';
import { exponentOf, type AmountStyle } from './money.js';
import { Rng, rngFor } from './rng.js';

/** What a bank does on each fetch (first connect, refresh, reconnect, background refresh). */
export type BankBehaviour =
  | 'standard' // history on the first fetch; later fetches add the rows of the days since
  | 'pending' // like standard plus pending rows that post (new id) or vanish on the next fetch
  | 'updates' // like standard plus 1–4 new posted rows on every later fetch
  | 'new_account' // the second account appears only from the second fetch on
  | 'many' // one account with 5,000+ rows (pagination)
  | 'errors'; // outcome chosen by the username (ERROR_BANK_USERNAMES)

export type Flavour = 'xf' | 'gb' | 'de' | 'ro' | 'jp';
export type AccountProfile = 'current' | 'savings' | 'card';

export interface AccountTemplate {
  key: string;
  name: string;
  /** Salt Edge account nature: account, savings, credit_card, … */
  nature: string;
  currency: string;
  profile: AccountProfile;
  /** Only present from the second fetch on (behaviour `new_account`). */
  laterFetchOnly?: boolean;
  /** Rows generated as one synthetic block on the first fetch (behaviour `many`). */
  bulkRows?: number;
}

export interface BankDef {
  code: string;
  name: string;
  countryCode: string;
  mode: 'web' | 'oauth';
  interactive: boolean;
  maxConsentDays: number | null;
  refreshTimeoutMinutes: number;
  regulated: boolean;
  behaviour: BankBehaviour;
  flavour: Flavour;
  amountStyle: AmountStyle;
  bic: string;
  accounts: AccountTemplate[];
  /** One line: what the bank exercises (login page, README). */
  summary: string;
}

/** Password accepted by every username/password bank. */
export const FAKE_PASSWORD = 'secret';
/** SMS code accepted by the interactive bank (shown as a hint on the page). */
export const FAKE_SMS_CODE = '123456';

/** `fakebank_with_error_xf`: the username picks the outcome (password must still be "secret"). */
export const ERROR_BANK_USERNAMES: Readonly<Record<string, { errorClass: string; stage: 'login' | 'fetch'; description: string }>> = {
  invalid: { errorClass: 'InvalidCredentials', stage: 'login', description: 'the bank rejects the login' },
  unavailable: { errorClass: 'ProviderUnavailable', stage: 'login', description: 'the bank is down' },
  timeout: { errorClass: 'InteractiveTimeout', stage: 'login', description: 'the user did not answer the bank in time' },
  error: { errorClass: 'ProviderError', stage: 'login', description: 'the bank returns an unexpected error' },
  lost: {
    errorClass: 'ConnectionFailed',
    stage: 'fetch',
    description: 'login succeeds, fetching fails: an inactive connection is created (connection_id is returned)',
  },
};

const cur = (key: string, currency: string, name = 'Current account'): AccountTemplate => ({ key, name, nature: 'account', currency, profile: 'current' });
const sav = (key: string, currency: string, name = 'Savings account'): AccountTemplate => ({ key, name, nature: 'savings', currency, profile: 'savings' });
const card = (key: string, currency: string, name = 'Credit card'): AccountTemplate => ({ key, name, nature: 'credit_card', currency, profile: 'card' });

const xf = { countryCode: 'XF', flavour: 'xf' as const, regulated: false, refreshTimeoutMinutes: 60 };

export const BANKS: readonly BankDef[] = [
  {
    ...xf, code: 'fakebank_simple_xf', name: 'Fake Bank Simple', mode: 'web', interactive: false, maxConsentDays: 90,
    behaviour: 'standard', amountStyle: 'plain', bic: 'FAKEXFSI',
    accounts: [cur('current', 'EUR'), sav('savings', 'EUR')],
    summary: 'Username + password; two EUR accounts (current, savings) with 60–120 days of history.',
  },
  {
    ...xf, code: 'fakebank_interactive_xf', name: 'Fake Bank with SMS', mode: 'web', interactive: true, maxConsentDays: 90,
    behaviour: 'standard', amountStyle: 'plain', bic: 'FAKEXFIN',
    accounts: [cur('current', 'USD', 'Checking account'), card('card', 'USD')],
    summary: `Username + password, then an SMS code (${FAKE_SMS_CODE}); wrong code → InvalidInteractiveCredentials.`,
  },
  {
    ...xf, code: 'fakebank_oauth_xf', name: 'Fake OAuth Bank', mode: 'oauth', interactive: false, maxConsentDays: 180,
    behaviour: 'standard', amountStyle: 'plain', bic: 'FAKEXFOA',
    accounts: [cur('current', 'GBP')],
    summary: 'OAuth-style: an "authorise at your bank" page (Authorise / Deny → ProviderAccessNotGranted).',
  },
  {
    ...xf, code: 'fakebank_with_pending_xf', name: 'Fake Bank with Pending', mode: 'web', interactive: false, maxConsentDays: 90,
    behaviour: 'pending', amountStyle: 'plain', bic: 'FAKEXFPE',
    accounts: [cur('current', 'EUR')],
    summary: 'Pending rows; on the next fetch each becomes a posted row with a NEW id (amount/date may change) or vanishes.',
  },
  {
    ...xf, code: 'fakebank_with_updates_xf', name: 'Fake Bank with Updates', mode: 'web', interactive: false, maxConsentDays: 90,
    behaviour: 'updates', amountStyle: 'plain', bic: 'FAKEXFUP',
    accounts: [cur('current', 'EUR')],
    summary: 'Adds 1–4 new posted rows on every refresh / reconnect / background refresh.',
  },
  {
    ...xf, code: 'fakebank_new_account_xf', name: 'Fake Bank with New Account', mode: 'web', interactive: false, maxConsentDays: 90,
    behaviour: 'new_account', amountStyle: 'plain', bic: 'FAKEXFNA',
    accounts: [cur('current', 'EUR'), { ...sav('dollar', 'USD', 'Dollar savings'), laterFetchOnly: true }],
    summary: 'First connect: one account; any later fetch: a second (USD) account appears.',
  },
  {
    ...xf, code: 'fakebank_oauth_with_n_transactions_xf', name: 'Fake OAuth Bank with 5000+ Transactions', mode: 'oauth', interactive: false,
    maxConsentDays: 180, behaviour: 'many', amountStyle: 'plain', bic: 'FAKEXFNT',
    accounts: [{ ...cur('main', 'EUR', 'Business account'), bulkRows: 5250 }, card('card', 'EUR')],
    summary: 'OAuth-style; one account with 5,250 posted rows (pagination with from_id / next_id).',
  },
  {
    ...xf, code: 'fakebank_with_error_xf', name: 'Fake Bank with Errors', mode: 'web', interactive: false, maxConsentDays: 90,
    behaviour: 'errors', amountStyle: 'plain', bic: 'FAKEXFER',
    accounts: [cur('current', 'EUR')],
    summary: 'The username picks an error: invalid, unavailable, timeout, error, lost (any other username succeeds).',
  },
  {
    ...xf, code: 'fake_demobank_xf', name: 'Fake Demo Bank (multi-currency)', mode: 'web', interactive: false, maxConsentDays: 180,
    behaviour: 'standard', amountStyle: 'fixed', bic: 'FAKEXFDM',
    accounts: [cur('eur', 'EUR'), card('usd_card', 'USD', 'USD credit card'), cur('jpy', 'JPY', 'Yen account'), sav('kwd', 'KWD', 'Dinar savings')],
    summary: 'Four currencies incl. JPY (0 decimals) and KWD (3 decimals); amounts printed with all decimals (1200.00).',
  },
  {
    code: 'northwind_bank_gb', name: 'Northwind Bank (demo)', countryCode: 'GB', flavour: 'gb', regulated: true, refreshTimeoutMinutes: 60,
    mode: 'web', interactive: false, maxConsentDays: 90, behaviour: 'standard', amountStyle: 'plain', bic: 'NWINGB2L',
    accounts: [cur('current', 'GBP'), card('card', 'GBP')],
    summary: 'GB / GBP; sort code + account number + IBAN.',
  },
  {
    code: 'rheinbank_de', name: 'Rheinbank (demo)', countryCode: 'DE', flavour: 'de', regulated: true, refreshTimeoutMinutes: 60,
    mode: 'web', interactive: false, maxConsentDays: 180, behaviour: 'standard', amountStyle: 'exponent', bic: 'RHEIDEFF',
    accounts: [cur('giro', 'EUR', 'Girokonto'), sav('tagesgeld', 'EUR', 'Tagesgeld')],
    summary: 'DE / EUR; amounts in exponent notation where JSON allows it (1e3, -1.5e2, 5e-2); umlauts in texts.',
  },
  {
    code: 'banca_carpatica_ro', name: 'Banca Carpatica (demo)', countryCode: 'RO', flavour: 'ro', regulated: true, refreshTimeoutMinutes: 60,
    mode: 'web', interactive: false, maxConsentDays: 90, behaviour: 'standard', amountStyle: 'plain', bic: 'CARPROBU',
    accounts: [cur('curent', 'RON', 'Cont curent')],
    summary: 'RO / RON.',
  },
  {
    code: 'sakura_bank_jp', name: 'Sakura Bank (demo)', countryCode: 'JP', flavour: 'jp', regulated: false, refreshTimeoutMinutes: 60,
    mode: 'web', interactive: false, maxConsentDays: 365, behaviour: 'standard', amountStyle: 'plain', bic: 'SAKUJPJT',
    accounts: [cur('futsu', 'JPY', 'Futsu yokin (ordinary deposit)')],
    summary: 'JP / JPY (0 decimals); Japanese descriptions; account number without IBAN.',
  },
];

export function findBank(code: string): BankDef | undefined {
  return BANKS.find((b) => b.code === code);
}

export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  XF: 'Fake Country',
  GB: 'United Kingdom',
  DE: 'Germany',
  RO: 'Romania',
  JP: 'Japan',
};

// ---------------------------------------------------------------------------------------------
// Account numbers

function iban(country: string, bban: string): string {
  const toDigits = (s: string) => s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(toDigits(`${bban}${country}00`)) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

export interface AccountNumbers {
  iban?: string;
  account_number?: string;
  sort_code?: string;
  swift?: string;
}

export function accountNumbers(bank: BankDef, tmpl: AccountTemplate, rng: Rng): AccountNumbers {
  if (tmpl.profile === 'card') return { account_number: `**** **** **** ${rng.digits(4)}` };
  switch (bank.flavour) {
    case 'gb': {
      const sort = rng.digits(6);
      const acct = rng.digits(8);
      return { iban: iban('GB', `NWIN${sort}${acct}`), account_number: acct, sort_code: `${sort.slice(0, 2)}-${sort.slice(2, 4)}-${sort.slice(4)}`, swift: bank.bic };
    }
    case 'de': {
      const acct = rng.digits(10);
      return { iban: iban('DE', `37040044${acct}`), account_number: acct, swift: bank.bic };
    }
    case 'ro': {
      const acct = rng.digits(16);
      return { iban: iban('RO', `CARP${acct}`), account_number: acct, swift: bank.bic };
    }
    case 'jp':
      return { account_number: `${rng.digits(3)}-${rng.digits(7)}`, swift: bank.bic };
    case 'xf': {
      const acct = rng.digits(14);
      return { iban: iban('XF', `FAKE${acct}`), account_number: acct, swift: bank.bic };
    }
  }
}

export const HOLDER_NAMES: Readonly<Record<Flavour, string>> = {
  xf: 'Jane Doe',
  gb: 'Oliver Smith',
  de: 'Max Müller',
  ro: 'Ioana Popescu',
  jp: '山田 太郎',
};

// ---------------------------------------------------------------------------------------------
// Transactions

export interface GeneratedRow {
  amount: bigint;
  description: string;
  category: string;
  mode: 'normal' | 'fee' | 'transfer';
  payee?: string;
  payer?: string;
  additional?: string;
  time: string;
}

interface Merchant {
  name: string;
  category: string;
  /** Range of the amount in euro cents (scaled to the account's currency). */
  min: number;
  max: number;
}

interface FlavourTexts {
  merchants: Merchant[];
  people: string[];
  employer: string;
  landlord: string;
  utility: string;
  card: (m: string) => string;
  salary: (employer: string, month: string) => string;
  rent: (landlord: string) => string;
  utilityText: (u: string) => string;
  transferOut: (p: string) => string;
  transferIn: (p: string) => string;
  fee: string;
  interest: string;
  savingsIn: string;
  cardRepayment: string;
}

const m = (name: string, category: string, min: number, max: number): Merchant => ({ name, category, min, max });

const TEXTS: Readonly<Record<Flavour, FlavourTexts>> = {
  xf: {
    merchants: [
      m('Fake Coffee Shop', 'coffee', 250, 900), m('Fake Supermarket', 'groceries', 800, 12000), m('Fake Fuel Station', 'fuel', 3000, 9000),
      m('Fake Bookstore', 'education', 900, 4500), m('Fake Online Store', 'shopping', 1500, 25000), m('Fake Pharmacy', 'health', 400, 3500),
      m('Fake Restaurant', 'restaurants', 1800, 9500), m('Fake Transit', 'public_transport', 150, 600),
    ],
    people: ['John Roe', 'Mary Major', 'Richard Miles'],
    employer: 'Fake Employer Ltd', landlord: 'Fake Properties', utility: 'Fake Power & Water',
    card: (x) => `Card payment ${x}`, salary: (e, mo) => `Salary ${mo} ${e}`, rent: (l) => `Rent ${l}`, utilityText: (u) => `Direct debit ${u}`,
    transferOut: (p) => `Transfer to ${p}`, transferIn: (p) => `Transfer from ${p}`, fee: 'Monthly account fee', interest: 'Interest',
    savingsIn: 'Standing order from current account', cardRepayment: 'Card repayment, thank you',
  },
  gb: {
    merchants: [
      m('TESCO STORES 2841', 'groceries', 600, 9000), m("SAINSBURY'S S/MKT", 'groceries', 800, 11000), m('PRET A MANGER', 'coffee', 300, 1200),
      m('TFL TRAVEL CH', 'public_transport', 170, 900), m('BOOTS 1123', 'health', 300, 4000), m('AMAZON.CO.UK*2K4', 'shopping', 900, 20000),
      m('SHELL FULHAM', 'fuel', 3500, 8000), m('COSTA COFFEE', 'coffee', 250, 800),
    ],
    people: ['A SMITH', 'J PATEL', 'R JONES'],
    employer: 'NORTHWIND TRADERS LTD', landlord: 'KENSINGTON LETTINGS', utility: 'THAMES WATER',
    card: (x) => `CARD PAYMENT TO ${x}`, salary: (e) => `BACS ${e} SALARY`, rent: (l) => `STO ${l}`, utilityText: (u) => `DD ${u}`,
    transferOut: (p) => `FPO ${p}`, transferIn: (p) => `FPI ${p}`, fee: 'ACCOUNT FEE', interest: 'INTEREST PAID',
    savingsIn: 'TRANSFER FROM CURRENT', cardRepayment: 'PAYMENT RECEIVED - THANK YOU',
  },
  de: {
    merchants: [
      m('REWE Markt GmbH', 'groceries', 700, 9000), m('EDEKA Süd', 'groceries', 500, 8000), m('Deutsche Bahn', 'public_transport', 290, 12900),
      m('dm-drogerie markt', 'health', 300, 3500), m('Lidl sagt Danke', 'groceries', 400, 6000), m('Aral Tankstelle', 'fuel', 3000, 8500),
      m('Amazon EU S.à r.l.', 'shopping', 999, 19999), m('Bäckerei Schäfer', 'coffee', 5, 890),
    ],
    people: ['Anna Schmidt', 'Jürgen Weiß', 'Sophie Becker'],
    employer: 'Rheinwerk Maschinenbau AG', landlord: 'Hausverwaltung Köhler', utility: 'Stadtwerke Köln',
    card: (x) => `Kartenzahlung ${x}`, salary: (e, mo) => `Lohn/Gehalt ${mo} ${e}`, rent: (l) => `Dauerauftrag Miete ${l}`,
    utilityText: (u) => `SEPA-Lastschrift ${u}`, transferOut: (p) => `Überweisung an ${p}`, transferIn: (p) => `Gutschrift von ${p}`,
    fee: 'Kontoführungsgebühr', interest: 'Habenzinsen', savingsIn: 'Umbuchung vom Girokonto', cardRepayment: 'Ausgleich Kreditkarte',
  },
  ro: {
    merchants: [
      m('KAUFLAND BUCURESTI', 'groceries', 600, 9000), m('MEGA IMAGE 0412', 'groceries', 300, 5000), m('FARMACIA TEI', 'health', 400, 3000),
      m('EMAG.RO', 'shopping', 1000, 30000), m('OMV PETROM', 'fuel', 3000, 8000), m('CARREFOUR ROMANIA', 'groceries', 800, 10000),
      m('UBER *TRIP', 'taxi', 300, 2500), m('STARBUCKS AFI', 'coffee', 350, 900),
    ],
    people: ['Andrei Ionescu', 'Maria Dumitrescu', 'Ștefan Georgescu'],
    employer: 'CARPATI SOFTWARE SRL', landlord: 'IMOBILIARE NORD SRL', utility: 'ENEL ENERGIE',
    card: (x) => `Plata card ${x}`, salary: (e, mo) => `Salariu ${mo} ${e}`, rent: (l) => `Chirie ${l}`, utilityText: (u) => `Debit direct ${u}`,
    transferOut: (p) => `Transfer către ${p}`, transferIn: (p) => `Transfer de la ${p}`, fee: 'Comision administrare cont', interest: 'Dobândă',
    savingsIn: 'Transfer din cont curent', cardRepayment: 'Rambursare card',
  },
  jp: {
    merchants: [
      m('セブン-イレブン', 'groceries', 200, 2500), m('ローソン', 'groceries', 200, 2000), m('JR東日本', 'public_transport', 150, 9000),
      m('ファミリーマート', 'groceries', 150, 1800), m('ユニクロ', 'clothing', 1500, 9000), m('AMAZON.CO.JP', 'shopping', 800, 15000),
      m('スターバックス', 'coffee', 300, 900), m('ENEOS', 'fuel', 3000, 7000),
    ],
    people: ['佐藤 花子', '鈴木 一郎', '高橋 健'],
    employer: '株式会社さくら商事', landlord: '東京不動産', utility: '東京電力',
    card: (x) => `カード ${x}`, salary: (e) => `給与 ${e}`, rent: (l) => `家賃 ${l}`, utilityText: (u) => `口座振替 ${u}`,
    transferOut: (p) => `振込 ${p}`, transferIn: (p) => `振込入金 ${p}`, fee: '手数料', interest: '利息', savingsIn: '振替入金', cardRepayment: 'カード返済',
  },
};

/** Round amounts (major units) per currency: salary, rent, savings top-ups. */
const ROUND: Readonly<Record<string, { salary: number; rent: number; topUp: number; repay: number }>> = {
  EUR: { salary: 2800, rent: 1000, topUp: 200, repay: 500 },
  USD: { salary: 3200, rent: 1200, topUp: 250, repay: 600 },
  GBP: { salary: 2400, rent: 900, topUp: 150, repay: 400 },
  RON: { salary: 7500, rent: 2000, topUp: 500, repay: 1500 },
  JPY: { salary: 350000, rent: 90000, topUp: 30000, repay: 60000 },
  KWD: { salary: 900, rent: 300, topUp: 100, repay: 200 },
};
/** Value of 1 EUR in the currency (to scale random amounts). */
const EUR_RATE: Readonly<Record<string, number>> = { EUR: 1, USD: 1.1, GBP: 0.85, RON: 5, JPY: 160, KWD: 0.33 };

function major(amount: number, currency: string): bigint {
  return BigInt(amount) * 10n ** BigInt(exponentOf(currency));
}

/** Euro cents → minor units of `currency`, rounded to the currency's precision. */
function scaled(euroCents: number, currency: string): bigint {
  const exp = exponentOf(currency);
  const rate = EUR_RATE[currency] ?? 1;
  const minor = Math.round((euroCents / 100) * rate * 10 ** exp);
  return BigInt(Math.max(minor, 1));
}

function time(rng: Rng): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(rng.int(7, 21))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}

function purchase(texts: FlavourTexts, currency: string, rng: Rng): GeneratedRow {
  const merchant = rng.pick(texts.merchants);
  return {
    amount: -scaled(rng.int(merchant.min, merchant.max), currency),
    description: texts.card(merchant.name),
    category: merchant.category,
    mode: 'normal',
    payee: merchant.name,
    time: time(rng),
  };
}

export interface LedgerKey {
  seed: number;
  bankCode: string;
  identity: string;
  accountKey: string;
}

/** The posted rows a bank books on one day for one account: a pure function of key + date. */
export function dayRows(key: LedgerKey, flavour: Flavour, tmpl: AccountTemplate, date: string): GeneratedRow[] {
  const rng = rngFor(key.seed, key.bankCode, key.identity, key.accountKey, date);
  const texts = TEXTS[flavour];
  const cur = tmpl.currency;
  const round = ROUND[cur] ?? { salary: 2000, rent: 800, topUp: 100, repay: 300 };
  const day = Number(date.slice(8, 10));
  const rows: GeneratedRow[] = [];
  if (tmpl.profile === 'current') {
    if (day === 25) {
      rows.push({ amount: major(round.salary, cur), description: texts.salary(texts.employer, date.slice(0, 7)), category: 'salary', mode: 'transfer', payer: texts.employer, time: '06:00:00' });
    }
    if (day === 1) {
      rows.push({ amount: -major(round.rent, cur), description: texts.rent(texts.landlord), category: 'rent', mode: 'transfer', payee: texts.landlord, time: '08:00:00' });
    }
    if (day === 5) {
      rows.push({ amount: -scaled(rng.int(4000, 12000), cur), description: texts.utilityText(texts.utility), category: 'utilities', mode: 'normal', payee: texts.utility, time: '09:30:00' });
    }
    if (day === 28) {
      rows.push({ amount: -scaled(rng.pick([250, 490, 590]), cur), description: texts.fee, category: 'bank_charges', mode: 'fee', time: '23:59:00' });
    }
    const n = rng.pick([0, 1, 1, 2, 2, 3]);
    for (let i = 0; i < n; i++) rows.push(purchase(texts, cur, rng));
    if (rng.chance(0.08)) {
      const person = rng.pick(texts.people);
      if (rng.chance(0.5)) {
        rows.push({ amount: -scaled(rng.int(10, 80) * 500, cur), description: texts.transferOut(person), category: 'transfer', mode: 'transfer', payee: person, time: time(rng) });
      } else {
        rows.push({ amount: scaled(rng.int(5, 60) * 500, cur), description: texts.transferIn(person), category: 'transfer', mode: 'transfer', payer: person, time: time(rng) });
      }
    }
  } else if (tmpl.profile === 'savings') {
    if (day === 26) rows.push({ amount: major(round.topUp * rng.int(1, 3), cur), description: texts.savingsIn, category: 'transfer', mode: 'transfer', time: '07:00:00' });
    if (day === 1) {
      // small amounts: 0.03 … 2.49 EUR (e.g. `5e-2` in exponent style)
      rows.push({ amount: scaled(rng.int(3, 249), cur), description: texts.interest, category: 'interest', mode: 'normal', time: '00:10:00' });
    }
  } else {
    const n = rng.pick([0, 0, 1, 1, 2]);
    for (let i = 0; i < n; i++) rows.push(purchase(texts, cur, rng));
    if (day === 15) rows.push({ amount: major(round.repay, cur), description: texts.cardRepayment, category: 'transfer', mode: 'transfer', time: '10:00:00' });
  }
  return rows;
}

/** Purchases still pending at the bank, created on fetch number `fetchNo`. */
export function pendingRows(key: LedgerKey, flavour: Flavour, tmpl: AccountTemplate, fetchNo: number): GeneratedRow[] {
  const rng = rngFor(key.seed, key.bankCode, key.identity, key.accountKey, 'pending', fetchNo);
  const n = rng.int(2, 4);
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < n; i++) rows.push(purchase(TEXTS[flavour], tmpl.currency, rng));
  return rows;
}

/** The 1–4 extra rows `fakebank_with_updates_xf` books on fetch number `fetchNo`. */
export function updateRows(key: LedgerKey, flavour: Flavour, tmpl: AccountTemplate, fetchNo: number): GeneratedRow[] {
  const rng = rngFor(key.seed, key.bankCode, key.identity, key.accountKey, 'updates', fetchNo);
  const n = rng.int(1, 4);
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < n; i++) rows.push(purchase(TEXTS[flavour], tmpl.currency, rng));
  return rows;
}

/** How a pending row ends on the next fetch. */
export function pendingOutcome(key: LedgerKey, pendingId: string): { kind: 'vanish' } | { kind: 'post'; amountDelta: bigint; dayShift: number } {
  const rng = rngFor(key.seed, key.bankCode, key.identity, key.accountKey, 'outcome', pendingId);
  if (rng.chance(0.25)) return { kind: 'vanish' };
  const amountDelta = rng.chance(0.35) ? BigInt(rng.int(1, 99)) * (rng.chance(0.5) ? 1n : -1n) : 0n;
  const dayShift = rng.chance(0.35) ? rng.int(1, 2) : 0;
  return { kind: 'post', amountDelta, dayShift };
}

/** History depth of a login at a bank: 60–120 days. */
export function historyDays(seed: number, bankCode: string, identity: string): number {
  return rngFor(seed, bankCode, identity, 'history').int(60, 120);
}

/** Opening balance (minor units) before the first generated row. */
export function openingBalance(seed: number, key: LedgerKey, tmpl: AccountTemplate): bigint {
  const rng = rngFor(seed, key.bankCode, key.identity, key.accountKey, 'opening');
  const base = tmpl.profile === 'card' ? -rng.int(0, 80_000) : tmpl.profile === 'savings' ? rng.int(100_000, 1_500_000) : rng.int(50_000, 600_000);
  return base < 0 ? -scaled(-base || 1, tmpl.currency) : scaled(base, tmpl.currency);
}

/**
 * Synthetic block rows (the 5,000+ row bank, seedBulkConnection): row `index` of `count` spread
 * evenly over `days` days from `fromDate`, computed on demand so huge accounts cost no memory.
 */
export interface SyntheticSpec {
  seed: number;
  firstId: string;
  count: number;
  fromDate: string;
  days: number;
  currency: string;
  /** Sum of all rows' amounts (minor units, decimal text). */
  sum: string;
}

export function syntheticRow(spec: Omit<SyntheticSpec, 'sum'>, index: number): GeneratedRow & { madeOn: string } {
  const rng = rngFor(spec.seed, 'synthetic', index);
  const madeOn = addDays(spec.fromDate, Math.floor((index * spec.days) / spec.count));
  const texts = TEXTS.xf;
  const r = rng.next();
  let row: GeneratedRow;
  if (r < 0.85) row = purchase(texts, spec.currency, rng);
  else if (r < 0.97) {
    const person = rng.pick(texts.people);
    row = { amount: scaled(rng.int(20, 400) * 100, spec.currency), description: `${texts.transferIn(person)} INV-${index}`, category: 'transfer', mode: 'transfer', payer: person, time: time(rng) };
  } else row = { amount: -scaled(rng.int(5, 150) * 10, spec.currency), description: 'Transaction fee', category: 'bank_charges', mode: 'fee', time: time(rng) };
  return { ...row, madeOn };
}

export function syntheticSum(spec: Omit<SyntheticSpec, 'sum'>): bigint {
  let sum = 0n;
  for (let i = 0; i < spec.count; i++) sum += syntheticRow(spec, i).amount;
  return sum;
}
