/**
 * The app's log. Every line passes through redaction: values registered as secrets (keys,
 * the database key) are replaced before anything is written, so no secret reaches a log.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
}
export type LogSink = (entry: LogEntry) => void;

export class Logger {
  private readonly secrets = new Set<string>();
  private readonly recent: LogEntry[] = [];

  constructor(
    private readonly sink: LogSink = defaultSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Register a value that must never appear in the log (ignored when too short to be a secret). */
  addSecret(value: string | null | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return out;
  }

  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : err === undefined ? '' : String(err);
    this.write('error', detail ? `${message} (${detail})` : message);
  }

  /** The last lines, already redacted (for a diagnostics view and tests). */
  tail(n = 200): LogEntry[] {
    return this.recent.slice(-n);
  }

  private write(level: LogLevel, message: string): void {
    const entry = { at: this.now().toISOString(), level, message: this.redact(message) };
    this.recent.push(entry);
    if (this.recent.length > 1000) this.recent.splice(0, this.recent.length - 1000);
    this.sink(entry);
  }
}

function defaultSink(entry: LogEntry): void {
  if (entry.level === 'debug') return;
  const line = `[${entry.at}] ${entry.level.toUpperCase()} ${entry.message}`;
  if (entry.level === 'error' || entry.level === 'warn') console.error(line);
  else console.log(line);
}
