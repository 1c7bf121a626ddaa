import type { AccountSummary, StatementSummary, StatementsTree, TransactionScope } from '../../../shared/contract/index.js';
import { money, period, plural, shortPeriod } from './format.js';

function BalanceCheck({ difference, currency }: { difference: number | null; currency: string }) {
  if (difference === null) return <span className="stmt-check stmt-check--unknown">Bank balance not reported</span>;
  if (difference === 0) return <span className="stmt-check stmt-check--ok">✓ Matches the bank</span>;
  return <span className="stmt-check stmt-check--off">Differs from the bank by {money(difference, currency)}</span>;
}

function StatementItem({ s, currency, active, onSelect }: { s: StatementSummary; currency: string; active: boolean; onSelect: () => void }) {
  const label = `Statement ${period(s.periodStart, s.periodEnd)}`;
  return (
    <li>
      <button type="button" className={`stmt-nav__statement${active ? ' is-active' : ''}`} aria-current={active ? 'true' : undefined} aria-label={label} onClick={onSelect}>
        <span className="stmt-nav__period">{shortPeriod(s.periodStart, s.periodEnd)}</span>
        <span className="stmt-nav__facts">
          <span className="stmt-nav__money">{money(s.openingBalance, currency)}</span> → <span className="stmt-nav__money">{money(s.closingBalance, currency)}</span>
        </span>
        <span className="stmt-nav__facts">
          {plural(s.lineCount, 'line')} · {s.reviewedCount === s.lineCount && s.lineCount > 0 ? 'all reviewed' : `${s.reviewedCount.toLocaleString()} reviewed`}
        </span>
        <BalanceCheck difference={s.balanceDifference} currency={currency} />
        {s.linesDifference !== 0 ? <span className="stmt-check stmt-check--off">Lines do not add up ({money(s.linesDifference, currency)})</span> : null}
      </button>
    </li>
  );
}

function AccountItem({ a, scope, onSelect }: { a: AccountSummary; scope: TransactionScope; onSelect: (s: TransactionScope) => void }) {
  const active = scope.kind === 'account' && scope.accountId === a.id;
  const open = active || (scope.kind === 'statement' && a.statements.some((s) => s.id === scope.statementId));
  return (
    <li className="stmt-nav__account-item">
      <button
        type="button"
        className={`stmt-nav__account${active ? ' is-active' : ''}`}
        aria-current={active ? 'true' : undefined}
        aria-expanded={open}
        onClick={() => onSelect({ kind: 'account', accountId: a.id })}
      >
        <span className="stmt-nav__name" title={a.name}>
          {a.name}
        </span>
        <span className="stmt-nav__balance">{money(a.bookBalance ?? a.bankBalance, a.currency)}</span>
        <BalanceCheck difference={a.balanceDifference} currency={a.currency} />
        {a.unreviewedCount > 0 ? <span className="stmt-nav__todo">{plural(a.unreviewedCount, 'line')} to review</span> : <span className="stmt-nav__done">All reviewed</span>}
      </button>
      {open && a.statements.length > 0 ? (
        <ul className="stmt-nav__statements" aria-label={`Statements of ${a.name}`}>
          {a.statements.map((s) => (
            <StatementItem key={s.id} s={s} currency={a.currency} active={scope.kind === 'statement' && scope.statementId === s.id} onSelect={() => onSelect({ kind: 'statement', statementId: s.id })} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Accounts grouped by connection, each with its statements (shown for the open account). */
export function StatementsNav({ tree, scope, onSelect }: { tree: StatementsTree; scope: TransactionScope; onSelect: (s: TransactionScope) => void }) {
  return (
    <nav className="stmt-nav" aria-label="Accounts and statements">
      <button type="button" className={`stmt-nav__all${scope.kind === 'all' ? ' is-active' : ''}`} aria-current={scope.kind === 'all' ? 'true' : undefined} onClick={() => onSelect({ kind: 'all' })}>
        All accounts
      </button>
      {tree.connections.map((c) => (
        <section key={c.id} className="stmt-nav__group" aria-label={c.providerName}>
          <h2 className="stmt-nav__bank">
            {c.providerName}
            {c.deleted ? <span className="muted small"> (deleted, statements kept)</span> : null}
          </h2>
          <ul className="stmt-nav__accounts">
            {c.accounts.map((a) => (
              <AccountItem key={a.id} a={a} scope={scope} onSelect={onSelect} />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
