/**
 * Automatic synchronisation while the app runs, and consent expiry reminders.
 *
 * - Each connection has a time of day (default 07:00, local time) and an on/off switch, kept in
 *   the settings table (`sync.schedule.<connectionId>`). A connection is due once its time has
 *   passed today and no run of it started since then (a run the user started counts: "daily").
 *   A due connection waits for Salt Edge's `next_refresh_possible_at`, and is skipped while its
 *   consent is expired or revoked or the connection is not active (the user must act first).
 * - Never two runs of one connection: the engine's `run()` refuses a second one and the
 *   scheduler does not ask while one is going.
 * - Consent reminders at 15, 3 and 1 days before expiry: an `app.notice` event plus a desktop
 *   notification hook. Each threshold fires once per consent (record in
 *   `sync.consentReminders.<connectionId>`, reset when the consent's expiry changes); after a
 *   long pause only the most urgent reminder is shown.
 * Timers and clock are injected, so tests drive the scheduler without waiting.
 */
import type { SyncSchedule } from '../../../shared/contract/index.js';
import { AppError } from '../app-error.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { ConnectionRecord, Store } from '../db/index.js';
import { DAY_MS } from './dates.js';
import type { Timers } from './types.js';

export interface ScheduleSettings {
  enabled: boolean;
  /** 'HH:MM' local time. */
  timeOfDay: string;
}

export interface SchedulerDeps {
  store: () => Store;
  events: Pick<EventBus, 'emit'>;
  log: Logger;
  now: () => Date;
  timers: Timers;
  notify?: (title: string, body: string) => void;
  reminderDays?: readonly number[];
  defaultSchedule?: ScheduleSettings;
  isRunning: (connectionId: number) => boolean;
  startRun: (connectionId: number) => void;
}

const HOUR_MS = 3_600_000;
const scheduleKey = (id: number) => `sync.schedule.${id}`;
const reminderKey = (id: number) => `sync.consentReminders.${id}`;

interface ReminderRecord {
  expiresAt: string;
  sent: number[];
}

/** The slot `timeOfDay` on the local calendar day of `d`. */
export function slotOn(d: Date, timeOfDay: string): Date {
  const [hh, mm] = timeOfDay.split(':').map(Number) as [number, number];
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), hh, mm, 0, 0);
}

export class SyncScheduler {
  private timer: unknown = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private readonly reminderDays: number[];
  private readonly defaults: ScheduleSettings;

  constructor(private readonly deps: SchedulerDeps) {
    this.reminderDays = [...(deps.reminderDays ?? [15, 3, 1])].sort((a, b) => b - a);
    this.defaults = deps.defaultSchedule ?? { enabled: true, timeOfDay: '07:00' };
  }

  settings(connectionId: number): ScheduleSettings {
    const raw = this.deps.store().repos.settings.get(scheduleKey(connectionId));
    if (!raw) return { ...this.defaults };
    try {
      const v = JSON.parse(raw) as Partial<ScheduleSettings>;
      return {
        enabled: typeof v.enabled === 'boolean' ? v.enabled : this.defaults.enabled,
        timeOfDay: typeof v.timeOfDay === 'string' && /^\d{2}:\d{2}$/.test(v.timeOfDay) ? v.timeOfDay : this.defaults.timeOfDay,
      };
    } catch {
      return { ...this.defaults };
    }
  }

  /** Why an automatic run cannot happen now (null: it can). */
  blockedReason(conn: ConnectionRecord): string | null {
    const now = this.deps.now().getTime();
    if (conn.deletedAt) return 'The connection was deleted.';
    if (conn.consentExpiresAt && Date.parse(conn.consentExpiresAt) <= now) {
      return 'The consent has expired. Use Update credentials to renew it; automatic synchronisation resumes then.';
    }
    if (conn.consentRevokedAt) return 'The consent was revoked. Use Update credentials to give a new consent; automatic synchronisation resumes then.';
    if (conn.status !== 'active') return `The connection is ${conn.status} at Salt Edge. Use Update credentials to reconnect; automatic synchronisation resumes then.`;
    return null;
  }

  /** When the connection is next due (may be in the past: due now). */
  nextDue(conn: ConnectionRecord, s: ScheduleSettings = this.settings(conn.id)): Date {
    const now = this.deps.now();
    const today = slotOn(now, s.timeOfDay);
    const last = this.deps.store().repos.importRuns.latest(conn.id);
    let due = today;
    if (last && Date.parse(last.startedAt) >= today.getTime()) {
      due = slotOn(new Date(today.getTime() + DAY_MS + 2 * HOUR_MS), s.timeOfDay); // tomorrow (DST-safe)
    }
    if (conn.nextRefreshPossibleAt) {
      const next = Date.parse(conn.nextRefreshPossibleAt);
      if (!Number.isNaN(next) && next > due.getTime()) due = new Date(next);
    }
    return due;
  }

  getSchedule(connectionId: number): SyncSchedule {
    const conn = this.deps.store().repos.connections.get(connectionId);
    const s = this.settings(connectionId);
    const blocked = conn ? this.blockedReason(conn) : 'This bank connection no longer exists.';
    return {
      connectionId,
      enabled: s.enabled,
      timeOfDay: s.timeOfDay,
      nextRunAt: conn && s.enabled && !blocked ? new Date(Math.max(this.nextDue(conn, s).getTime(), this.deps.now().getTime())).toISOString() : null,
      blockedReason: s.enabled ? blocked : null,
    };
  }

  async setSchedule(connectionId: number, s: ScheduleSettings): Promise<SyncSchedule> {
    const store = this.deps.store();
    if (!store.repos.connections.get(connectionId)) {
      throw new AppError('not-found', 'This bank connection no longer exists. Reload the Online synchronisation page.');
    }
    store.repos.settings.set(scheduleKey(connectionId), JSON.stringify({ enabled: s.enabled, timeOfDay: s.timeOfDay }));
    await store.save();
    if (this.running) this.arm();
    return this.getSchedule(connectionId);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.armIn(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One pass: reminders, then due runs. Concurrent calls share the pass. */
  tick(): Promise<void> {
    this.ticking ??= this.pass().finally(() => {
      this.ticking = null;
      if (this.running) this.arm();
    });
    return this.ticking;
  }

  private async pass(): Promise<void> {
    let store: Store;
    try {
      store = this.deps.store();
    } catch {
      return; // database not open (damaged): nothing to do until it is
    }
    for (const conn of store.repos.connections.list()) {
      try {
        await this.remind(store, conn);
        const s = this.settings(conn.id);
        if (!s.enabled || this.blockedReason(conn) || this.deps.isRunning(conn.id)) continue;
        if (this.nextDue(conn, s).getTime() <= this.deps.now().getTime()) {
          this.deps.log.info(`sync: automatic synchronisation of connection ${conn.id}`);
          this.deps.startRun(conn.id);
        }
      } catch (err) {
        this.deps.log.error(`sync: scheduler failed for connection ${conn.id}`, err);
      }
    }
  }

  private async remind(store: Store, conn: ConnectionRecord): Promise<void> {
    if (!conn.consentExpiresAt || conn.consentRevokedAt) return;
    const left = Date.parse(conn.consentExpiresAt) - this.deps.now().getTime();
    if (Number.isNaN(left) || left <= 0) return;
    const daysLeft = Math.ceil(left / DAY_MS);
    const due = this.reminderDays.filter((d) => daysLeft <= d);
    if (due.length === 0) return;
    let rec: ReminderRecord = { expiresAt: conn.consentExpiresAt, sent: [] };
    const raw = store.repos.settings.get(reminderKey(conn.id));
    if (raw) {
      try {
        const r = JSON.parse(raw) as ReminderRecord;
        if (r.expiresAt === conn.consentExpiresAt && Array.isArray(r.sent)) rec = r;
      } catch {
        /* a broken record starts afresh */
      }
    }
    const urgent = Math.min(...due);
    if (rec.sent.includes(urgent)) return;
    const date = conn.consentExpiresAt.slice(0, 10);
    const when = daysLeft <= 1 ? 'within a day' : `in ${daysLeft} days`;
    const title = `Bank consent expiring: ${conn.providerName}`;
    const body = `Your consent for ${conn.providerName} expires ${when} (${date}). Renew it with Update credentials on the Online synchronisation page so transactions keep coming in.`;
    store.repos.settings.set(reminderKey(conn.id), JSON.stringify({ expiresAt: conn.consentExpiresAt, sent: [...new Set([...rec.sent, ...due])].sort((a, b) => b - a) }));
    await store.save();
    this.deps.events.emit('app.notice', { level: daysLeft <= 3 ? 'warning' : 'info', message: body });
    try {
      this.deps.notify?.(title, body);
    } catch (err) {
      this.deps.log.warn(`sync: desktop notification failed (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private arm(): void {
    let store: Store;
    try {
      store = this.deps.store();
    } catch {
      this.armIn(HOUR_MS);
      return;
    }
    const now = this.deps.now().getTime();
    let delay = HOUR_MS; // reminders are checked at least hourly
    for (const conn of store.repos.connections.list()) {
      const s = this.settings(conn.id);
      if (!s.enabled || this.blockedReason(conn)) continue;
      if (this.deps.isRunning(conn.id)) {
        delay = Math.min(delay, 60_000);
        continue;
      }
      delay = Math.min(delay, this.nextDue(conn, s).getTime() - now);
    }
    this.armIn(Math.max(1_000, delay));
  }

  private armIn(ms: number): void {
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      if (this.running) void this.tick();
    }, ms);
  }
}
