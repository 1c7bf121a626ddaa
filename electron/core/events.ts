import type { EventName, EventPayload } from '../../shared/contract/index.js';

type Listener = (name: EventName, payload: unknown) => void;

/** Core → renderer events. Transports subscribe once and forward everything. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const l of [...this.listeners]) {
      try {
        l(name, payload);
      } catch {
        // A broken transport must not stop the others or the emitter.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
