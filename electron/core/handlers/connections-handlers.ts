import type { ConnectionsList, ConnectionView, DeleteResult } from '../../../shared/contract/index.js';
import { AppError } from '../app-error.js';
import { toConnectionView } from '../connect/connection-view.js';
import { updateFromSaltEdge } from '../connect/persist.js';
import type { ProviderCatalog } from '../connect/provider-catalog.js';
import type { SyncRunner } from '../connect/flow-manager.js';
import type { ConnectionRecord } from '../db/index.js';
import type { HandlerMap } from '../rpc/dispatch.js';
import { SaltEdgeError, describeSaltEdgeError, isSaltEdgeError } from '../saltedge/errors.js';
import type { Services } from '../services.js';

type ConnectionHandlers = Pick<
  HandlerMap,
  | 'providers.search'
  | 'providers.countries'
  | 'providers.refresh'
  | 'connections.list'
  | 'connections.refresh'
  | 'connections.setAccountEnabled'
  | 'connections.sync'
  | 'connections.revokeConsent'
  | 'connections.delete'
  | 'connections.finishLocalDelete'
>;

/** services.sync is added by the sync engine (issue 5); read it loosely until then. */
export const syncOf = (s: Services): SyncRunner | undefined => (s as Services & { sync?: SyncRunner }).sync;

export function createConnectionHandlers(s: Services, providers: ProviderCatalog): ConnectionHandlers {
  const repos = () => s.store().repos;
  const connection = (id: number): ConnectionRecord => {
    const c = repos().connections.get(id);
    if (!c || c.deletedAt) throw new AppError('not-found', 'This bank connection no longer exists here. Reload the page.');
    return c;
  };
  const view = (id: number): ConnectionView => {
    const c = connection(id);
    return toConnectionView(c, repos().accounts.listByConnection(c.id), s.now());
  };
  const list = (): ConnectionsList => {
    const customer = repos().customers.list().find((c) => c.saltedgeId) ?? null;
    return {
      connections: repos()
        .connections.list()
        .map((c) => toConnectionView(c, repos().accounts.listByConnection(c.id), s.now())),
      customer: customer ? { email: customer.email ?? customer.identifier, phone: customer.phone } : null,
    };
  };
  const changed = async (connectionId: number | null) => {
    await s.store().save();
    s.events.emit('connections.changed', { connectionId });
  };
  const recordError = (id: number, err: SaltEdgeError) =>
    repos().connections.setError(id, { errorClass: err.errorClass, message: err.userMessage, requestId: err.requestId ?? null });

  /** Revokes the current consent; true when it is revoked now (also when it already was). */
  const revoke = async (c: ConnectionRecord): Promise<boolean> => {
    const client = await s.saltedge.client();
    const consentId = c.consentId ?? (await client.getConnection(c.saltedgeId)).lastConsentId;
    if (!consentId) return false;
    let consent;
    try {
      consent = await client.revokeConsent(consentId, c.saltedgeId);
    } catch (err) {
      if (!isSaltEdgeError(err, 'AispConsentAlreadyRevoked')) throw err;
      consent = await client.getConsent(consentId);
    }
    updateFromSaltEdge(s.store(), c.id, null, consent);
    if (!consent.revokedAt) repos().connections.update(c.id, { consentRevokedAt: s.now().toISOString() });
    s.log.info(`connection ${c.saltedgeId}: consent ${consentId} revoked`);
    return true;
  };

  return {
    'providers.search': (q) => providers.search(q),
    'providers.countries': () => providers.countries(),
    'providers.refresh': async () => {
      await providers.refresh();
      return providers.search({ query: '', limit: 50 });
    },

    'connections.list': async () => list(),

    'connections.refresh': async () => {
      const client = await s.saltedge.client();
      for (const c of repos().connections.list()) {
        try {
          const conn = await client.getConnection(c.saltedgeId);
          const consent = conn.lastConsentId ? await client.getConsent(conn.lastConsentId) : null;
          updateFromSaltEdge(s.store(), c.id, conn, consent);
        } catch (err) {
          if (!(err instanceof SaltEdgeError)) throw err;
          if (err.group === 'network' || err.group === 'throttling') {
            s.log.info(`connections.refresh: Salt Edge not reachable (${err.errorClass}); showing stored state`);
            break;
          }
          if (err.errorClass === 'ConnectionNotFound') recordError(c.id, err);
        }
      }
      await changed(null);
      return list();
    },

    'connections.setAccountEnabled': async ({ accountId, enabled, importFrom }) => {
      const a = repos().accounts.get(accountId);
      if (!a) throw new AppError('not-found', 'This account no longer exists here. Reload the page.');
      const c = connection(a.connectionId);
      repos().accounts.setEnabled(a.id, enabled, importFrom ?? (enabled && !a.importFrom ? c.consentFromDate : undefined));
      await changed(c.id);
      return view(c.id);
    },

    'connections.sync': async ({ connectionId }) => {
      const c = connection(connectionId);
      const sync = syncOf(s);
      let summary: string | null = null;
      try {
        if (sync) {
          const outcome = (await sync.run(c.id, { trigger: 'manual' })) as { status?: string; summary?: string; error?: { errorClass?: string; requestId?: string | null; message?: string } } | undefined;
          if (outcome?.status === 'failed' && outcome.error?.errorClass) {
            const d = describeSaltEdgeError(outcome.error.errorClass);
            throw new AppError('saltedge', outcome.error.message ?? d.message, {
              errorClass: outcome.error.errorClass,
              ...(outcome.error.requestId ? { requestId: outcome.error.requestId } : {}),
              action: d.action,
            }, d.title);
          }
          if (outcome?.summary) summary = outcome.summary;
        } else {
          // No sync engine in this build: at least ask Salt Edge to refresh and record the outcome.
          const client = await s.saltedge.client();
          const conn = await client.backgroundRefresh(c.saltedgeId);
          updateFromSaltEdge(s.store(), c.id, conn, null);
        }
      } catch (err) {
        if (err instanceof SaltEdgeError) {
          recordError(c.id, err);
          await changed(c.id);
        }
        throw err;
      }
      await changed(c.id);
      const after = connection(c.id);
      return {
        connectionId: c.id,
        ok: !after.lastErrorClass,
        summary: after.lastErrorClass
          ? (after.lastErrorMessage ?? 'The synchronisation reported a problem.')
          : (summary ?? `${c.providerName} is synchronised.`),
      };
    },

    'connections.revokeConsent': async ({ connectionId }) => {
      const c = connection(connectionId);
      if (!(await revoke(c))) throw new AppError('conflict', 'This connection has no consent to revoke.');
      await changed(c.id);
      return view(c.id);
    },

    'connections.delete': async ({ connectionId, keepStatements }): Promise<DeleteResult> => {
      const c = connection(connectionId);
      const client = await s.saltedge.client();
      let consentRevoked = false;
      try {
        consentRevoked = await revoke(c);
      } catch (err) {
        // An expired/missing consent or an already gone connection does not stop a delete.
        if (!(err instanceof SaltEdgeError) || !['consent', 'not-found'].includes(err.group)) throw err;
        consentRevoked = err.group === 'consent';
      }
      try {
        await client.removeConnection(c.saltedgeId);
      } catch (err) {
        if (!(err instanceof SaltEdgeError)) throw err;
        if (err.errorClass !== 'ConnectionNotFound') {
          if (err.group === 'network' || err.group === 'throttling') {
            await changed(c.id);
            throw err;
          }
          await changed(c.id);
          s.log.info(`connection ${c.saltedgeId}: removal refused (${err.toLogLine()})`);
          return {
            outcome: 'still-at-saltedge',
            consentRevoked,
            title: 'Consent revoked, but the connection still exists at Salt Edge',
            message: `${consentRevoked ? 'The consent is revoked, so Salt Edge no longer reads this bank. ' : ''}Salt Edge did not let the app remove the connection itself: it still exists at Salt Edge. Remove it from the Salt Edge dashboard (its Connections list, ${c.providerName}), then delete it here.`,
            error: { errorClass: err.errorClass, requestId: err.requestId ?? null },
          };
        }
      }
      repos().connections.delete(c.id, { keepStatements });
      s.log.info(`connection ${c.saltedgeId}: deleted (${keepStatements ? 'statements kept' : 'statements deleted'})`);
      await changed(c.id);
      return {
        outcome: 'deleted',
        consentRevoked,
        title: 'Connection deleted',
        message: `${c.providerName} was removed at Salt Edge and here. ${keepStatements ? 'Its imported statements are kept.' : 'Its imported statements were deleted.'}`,
        error: null,
      };
    },

    'connections.finishLocalDelete': async ({ connectionId, keepStatements }) => {
      const c = connection(connectionId);
      const deleted = repos().connections.delete(c.id, { keepStatements });
      s.log.info(`connection ${c.saltedgeId}: deleted here only (${keepStatements ? 'statements kept' : 'statements deleted'})`);
      await changed(c.id);
      return { deleted };
    },
  };
}
