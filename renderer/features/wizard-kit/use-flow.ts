import { useEffect, useState } from 'react';
import type { FlowView } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';

/** Follows one connect flow through `flow.changed` events (and reads it once on mount). */
export function useFlow(initial: FlowView | null): FlowView | null {
  const api = useApi();
  const [flow, setFlow] = useState<FlowView | null>(initial);
  const id = initial?.id ?? null;
  useEffect(() => {
    setFlow(initial);
    if (!id) return;
    const off = api.on('flow.changed', (f) => {
      if (f.id === id) setFlow(f);
    });
    api.call('flow.get', { flowId: id }).then(
      (f) => setFlow((cur) => (cur && cur.updatedAt > f.updatedAt ? cur : f)),
      () => undefined,
    );
    return off;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id]);
  return flow;
}

/** Opens Salt Edge Connect in a new tab (the preview); Electron opens its own window from the main process. */
export function openConnectPage(url: string | null, host: 'electron' | 'preview' | undefined): void {
  if (!url || host === 'electron') return;
  window.open(url, '_blank', 'noopener');
}
