import { useEffect, useId, useState } from 'react';
import { syncScheduleSetInput, type SyncSchedule } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useAction } from '../../components/use-action.js';
import { formatDateTime } from '../wizard-kit/format.js';

/** A connection's automatic synchronisation: on/off and the time of day, with when it runs next. */
export function AutoSyncSettings({ connectionId }: { connectionId: number }) {
  const api = useApi();
  const id = useId();
  const [schedule, setSchedule] = useState<SyncSchedule | null>(null);
  const [time, setTime] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    api.call('sync.schedule.get', { connectionId }).then(
      (s) => {
        setSchedule(s);
        setTime(s.timeOfDay);
      },
      setError,
    );
  }, [api, connectionId, setError]);

  const save = (enabled: boolean, timeOfDay: string) => {
    const input = { connectionId, enabled, timeOfDay };
    const parsed = syncScheduleSetInput.safeParse(input);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'Enter a time of day as HH:MM');
      return;
    }
    setFieldError(null);
    void run(async () => {
      const s = await api.call('sync.schedule.set', input);
      setSchedule(s);
      setTime(s.timeOfDay);
    });
  };

  if (!schedule) return error ? <ErrorMessage error={error} /> : null;
  return (
    <div className="auto-sync">
      <label className="auto-sync__toggle">
        <input type="checkbox" checked={schedule.enabled} disabled={busy} onChange={(e) => save(e.target.checked, time)} />
        Synchronise automatically every day at
      </label>
      <label htmlFor={id} className="visually-hidden">
        Time of day
      </label>
      <input
        id={id}
        type="time"
        className="auto-sync__time"
        value={time}
        disabled={busy}
        aria-invalid={fieldError ? true : undefined}
        onChange={(e) => setTime(e.target.value)}
        onBlur={() => time !== schedule.timeOfDay && save(schedule.enabled, time)}
      />
      <span className="muted small" role="status">
        {fieldError ??
          (schedule.blockedReason
            ? `Not running: ${schedule.blockedReason}`
            : schedule.enabled && schedule.nextRunAt
              ? `Next: ${formatDateTime(schedule.nextRunAt)} (while the app is open)`
              : schedule.enabled
                ? ''
                : 'Off: use Synchronise now when you want new transactions.')}
      </span>
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
