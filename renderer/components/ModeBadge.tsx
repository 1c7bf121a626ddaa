import type { AppMode } from '../../shared/contract/index.js';

export function ModeBadge({ mode }: { mode: AppMode }) {
  return mode === 'demo' ? (
    <span className="badge badge--demo" title="No Salt Edge keys: the app uses its built-in Salt Edge sandbox with fake banks.">
      Demo mode
    </span>
  ) : (
    <span className="badge badge--live" title="Using your Salt Edge keys.">
      Live
    </span>
  );
}
