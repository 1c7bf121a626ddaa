import { describe, expect, it } from 'vitest';
import { FakeTimers, TestClock, engineFor, link, openLocal, startWorld } from './helpers.js';
import type { Notice } from '../../../../shared/contract/index.js';

const localNoon = () => new Date(2025, 5, 16, 12, 0, 0).getTime();

describe('automatic synchronisation', () => {
  it('runs each connection once a day at its time, waits for Salt Edge, never twice at once', async () => {
    const clock = new TestClock(localNoon());
    const world = await startWorld({ clock });
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_with_updates_xf');
    const timers = new FakeTimers(clock);
    let release: (() => void) | null = null;
    const { engine } = engineFor(world, () => store, {
      timers,
      hooks: { afterFetch: () => (release ? new Promise<void>((r) => (release = r)) : undefined) },
    });
    const runs = () => store.sql.all<{ trigger: string }>('SELECT "trigger" FROM import_run ORDER BY id').map((r) => r.trigger);

    const s = await engine.setSchedule(connectionId, { enabled: true, timeOfDay: '14:00' });
    expect(s).toMatchObject({ enabled: true, timeOfDay: '14:00', nextRunAt: new Date(2025, 5, 16, 14, 0).toISOString(), blockedReason: null });

    engine.startScheduler();
    timers.runDue();
    await engine.tick();
    expect(runs()).toEqual([]); // not yet 14:00
    expect(timers.nextAt()).toBe(new Date(2025, 5, 16, 13, 0).getTime()); // wakes at least hourly (reminders)
    clock.ms = timers.nextAt()!;
    timers.runDue();
    await engine.tick();
    expect(runs()).toEqual([]);
    expect(timers.nextAt()).toBe(new Date(2025, 5, 16, 14, 0).getTime()); // then exactly at the slot

    clock.ms = timers.nextAt()!;
    timers.runDue();
    await engine.tick();
    await engine.idle();
    expect(runs()).toEqual(['scheduled']);
    await engine.tick();
    await engine.idle();
    expect(runs()).toEqual(['scheduled']); // done for today
    expect(engine.getSchedule(connectionId).nextRunAt).toBe(new Date(2025, 5, 17, 14, 0).toISOString());

    // next day: due again; while it runs, neither the scheduler nor the user starts a second run
    clock.ms = new Date(2025, 5, 17, 14, 5).getTime();
    release = () => {};
    await engine.tick();
    expect(engine.isRunning(connectionId)).toBe(true);
    await engine.tick();
    const manual = engine.start(connectionId);
    expect(manual.alreadyRunning).toBe(true);
    (release as () => void)();
    release = null;
    await engine.idle();
    expect(runs()).toEqual(['scheduled', 'scheduled']);

    // a connection whose consent expired is not synchronised automatically; the reason is shown
    clock.ms = new Date(2025, 5, 18, 14, 5).getTime();
    world.sandbox.control.expireConsent({ connectionId: store.repos.connections.get(connectionId)!.saltedgeId });
    await expect(engine.run(connectionId)).rejects.toMatchObject({ details: { errorClass: 'AispConsentExpired' } });
    expect(store.repos.connections.get(connectionId)).toMatchObject({ lastErrorClass: 'AispConsentExpired' });
    expect(engine.getSchedule(connectionId)).toMatchObject({ nextRunAt: null, blockedReason: expect.stringMatching(/consent has expired/) });
    clock.ms = new Date(2025, 5, 19, 14, 5).getTime();
    await engine.tick();
    await engine.idle();
    expect(runs()).toEqual(['scheduled', 'scheduled', 'manual']);

    // switched off: nothing
    await engine.setSchedule(connectionId, { enabled: false, timeOfDay: '06:30' });
    expect(engine.getSchedule(connectionId)).toMatchObject({ enabled: false, timeOfDay: '06:30', nextRunAt: null });
    engine.stopScheduler();
    expect(timers.pending.size).toBe(0);
  });

  it('respects next_refresh_possible_at', async () => {
    const clock = new TestClock(localNoon());
    const world = await startWorld({ clock });
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_simple_xf');
    const { engine } = engineFor(world, () => store, { timers: new FakeTimers(clock) });
    await engine.setSchedule(connectionId, { enabled: true, timeOfDay: '11:00' });
    store.repos.connections.update(connectionId, { nextRefreshPossibleAt: new Date(2025, 5, 16, 15, 30).toISOString() });
    expect(engine.getSchedule(connectionId).nextRunAt).toBe(new Date(2025, 5, 16, 15, 30).toISOString());
    await engine.tick();
    expect(engine.isRunning(connectionId)).toBe(false);
    clock.ms = new Date(2025, 5, 16, 15, 31).getTime();
    await engine.tick();
    expect(engine.isRunning(connectionId)).toBe(true);
    await engine.idle();
  });
});

describe('consent expiry reminders', () => {
  it('fire once each at 15, 3 and 1 days before; only the most urgent after a pause; again for a new consent', async () => {
    const clock = new TestClock(localNoon());
    const { store } = await openLocal();
    const conn = store.repos.connections.upsert({ saltedgeId: '1', providerCode: 'fakebank_simple_xf', providerName: 'Fake Bank Simple', status: 'active' });
    const other = store.repos.connections.upsert({ saltedgeId: '2', providerCode: 'rheinbank_de', providerName: 'Rheinbank', status: 'active' });
    const DAY = 86_400_000;
    store.repos.connections.update(conn.id, { consentExpiresAt: new Date(clock.ms + 20 * DAY).toISOString() });
    store.repos.connections.update(other.id, { consentExpiresAt: new Date(clock.ms + 20 * DAY).toISOString() });
    const notified: string[] = [];
    const world = { clock } as unknown as Parameters<typeof engineFor>[0];
    const { engine, events } = engineFor(world, () => store, { timers: new FakeTimers(clock), notify: (title) => notified.push(title), defaultSchedule: { enabled: false, timeOfDay: '07:00' } });
    const notices = () => events.filter((e) => e.name === 'app.notice').map((e) => (e.payload as Notice).message);

    await engine.tick();
    expect(notices()).toEqual([]);
    clock.advance({ days: 5, hours: 12 }); // 14.5 days left
    await engine.tick();
    await engine.tick();
    expect(notices()).toHaveLength(2);
    expect(notices()[0]).toMatch(/Fake Bank Simple expires in 15 days .*Update credentials/);
    clock.advance({ days: 11, hours: 12 }); // 3 days left
    await engine.tick();
    await engine.tick();
    expect(notices()).toHaveLength(4);
    expect(notices()[2]).toMatch(/expires in 3 days/);
    clock.advance({ days: 2, hours: 12 }); // half a day left
    await engine.tick();
    expect(notices()).toHaveLength(6);
    expect(notices()[4]).toMatch(/expires within a day/);
    await engine.tick();
    expect(notices()).toHaveLength(6);
    expect(notified).toHaveLength(6);

    // a renewed consent: reminders start over; a long pause shows only the most urgent one
    store.repos.connections.update(conn.id, { consentExpiresAt: new Date(clock.ms + 90 * DAY).toISOString() });
    clock.advance({ days: 88 });
    await engine.tick();
    await engine.tick();
    expect(notices().slice(6)).toEqual([expect.stringMatching(/Fake Bank Simple expires in 2 days/)]);
    // the record survives a restart (kept in the store)
    expect(store.repos.settings.get(`sync.consentReminders.${conn.id}`)).toContain('"sent":[15,3]');
  });
});
