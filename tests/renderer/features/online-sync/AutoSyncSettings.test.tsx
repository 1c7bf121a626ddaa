import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SyncSchedule } from '../../../../shared/contract/index.js';
import { AutoSyncSettings } from '../../../../renderer/features/online-sync/AutoSyncSettings.js';
import { createFakeApi } from '../../fake-api.js';
import { dailySchedule } from '../wizard-fixtures.js';

describe('automatic synchronisation of a connection', () => {
  it('shows the schedule, turns it off and changes the time of day', async () => {
    const user = userEvent.setup();
    let current: SyncSchedule = dailySchedule({ connectionId: 4 });
    const fake = createFakeApi({
      'sync.schedule.get': () => current,
      'sync.schedule.set': ({ enabled, timeOfDay }) => (current = { ...current, enabled, timeOfDay, nextRunAt: enabled ? current.nextRunAt : null }),
    });
    render(fake.wrap(<AutoSyncSettings connectionId={4} />));
    const toggle = await screen.findByRole('checkbox', { name: 'Synchronise automatically every day at' });
    expect(toggle).toBeChecked();
    expect(screen.getByLabelText('Time of day')).toHaveValue('06:00');
    expect(screen.getByRole('status')).toHaveTextContent(/^Next: /);

    await user.click(toggle);
    expect(fake.calls('sync.schedule.set').at(-1)?.input).toEqual({ connectionId: 4, enabled: false, timeOfDay: '06:00' });
    expect(await screen.findByText(/Off: use Synchronise now/)).toBeInTheDocument();

    const time = screen.getByLabelText('Time of day');
    await user.clear(time);
    await user.type(time, '07:45');
    await user.tab();
    expect(fake.calls('sync.schedule.set').at(-1)?.input).toEqual({ connectionId: 4, enabled: false, timeOfDay: '07:45' });
  });

  it('says why it cannot run', async () => {
    const fake = createFakeApi({ 'sync.schedule.get': ({ connectionId }) => ({ ...dailySchedule({ connectionId }), blockedReason: 'the consent has expired' }) });
    render(fake.wrap(<AutoSyncSettings connectionId={2} />));
    expect(await screen.findByRole('status')).toHaveTextContent('Not running: the consent has expired');
  });
});
