import type { FlowView } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { useAppInfo } from '../../app/app-info-store.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useAction } from '../../components/use-action.js';
import { openConnectPage } from './use-flow.js';
import { WizardActions } from './WizardFrame.js';

const WHAT_TO_DO: Record<FlowView['mode'], string> = {
  link: 'log in with your online-banking details (or approve at your bank), enter any code the bank sends you, and confirm your consent',
  'update-credentials': 'log in at your bank again (with new details if they changed) and confirm the new consent',
  'fetch-accounts': 'confirm that Salt Edge may read your accounts again (your bank may ask for a code)',
};

/** While the user is at Salt Edge: what to do there, open the page again, or cancel. */
export function WaitingStep({ flow }: { flow: FlowView }) {
  const api = useApi();
  const host = useAppInfo((s) => s.info?.host);
  const { busy, error, run: act } = useAction();
  const receiving = flow.state === 'redirect-received' || flow.state === 'confirming';
  return (
    <div className="waiting" aria-busy={receiving}>
      <div className="waiting__spinner" aria-hidden="true" />
      {receiving ? (
        <>
          <h2>Checking the result with Salt Edge…</h2>
          <p role="status">Salt Edge sent you back. The app is confirming the connection with Salt Edge.</p>
        </>
      ) : (
        <>
          <h2>Continue at Salt Edge</h2>
          <p role="status">
            Salt Edge Connect opened in a new {host === 'electron' ? 'window' : 'tab'}. There, {WHAT_TO_DO[flow.mode]}. When you are done,
            Salt Edge sends you back here automatically and this page moves on.
          </p>
          <p className="muted small">
            Did not see it, or closed it by mistake? Open it again. This step stops by itself if nothing happens for 30 minutes.
          </p>
        </>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <WizardActions>
        <button
          type="button"
          className="btn"
          disabled={busy || receiving}
          onClick={() =>
            void act(async () => {
              await api.call('flow.cancel', { flowId: flow.id });
            })
          }
        >
          Cancel
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || receiving}
          onClick={() =>
            void act(async () => {
              const f = await api.call('flow.reopen', { flowId: flow.id });
              openConnectPage(f.connectUrl, host);
            })
          }
        >
          Open Salt Edge again
        </button>
      </WizardActions>
    </div>
  );
}
