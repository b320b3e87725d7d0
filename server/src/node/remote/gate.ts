/**
 * Politeness: at most `perHost` requests in flight to one host and `overall` in all, and at least `minIntervalMs`
 * between the starts of two requests to one host. Waiting requests of a host start in the order they came; a waiting
 * request whose signal is aborted leaves the queue without starting. A host with nothing in flight, nothing waiting
 * and its interval over is forgotten, so a session that meets many hosts does not keep them all.
 */
export interface GateOptions {
  perHost: number;
  overall: number;
  minIntervalMs: number;
}

interface HostState {
  active: number;
  nextStart: number;
  waiting: Array<() => void>;
}

export class HostGate {
  private active = 0;
  private readonly hosts = new Map<string, HostState>();
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;

  constructor(private readonly options: GateOptions) {}

  /** Hosts remembered (busy, or within their interval). */
  get hostCount(): number {
    return this.hosts.size;
  }

  /** Runs `task` when the host's turn comes; rejects with the signal's reason, without running it, if aborted first. */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    let state = this.hosts.get(host);
    if (!state) this.hosts.set(host, (state = { active: 0, nextStart: 0, waiting: [] }));
    const held = state;
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        const at = held.waiting.indexOf(start);
        if (at < 0) return;
        held.waiting.splice(at, 1);
        reject(signal?.reason);
        this.pump();
      };
      signal?.addEventListener('abort', leave, { once: true });
      held.waiting.push(start);
      this.pump();
    });
    try {
      return await task();
    } finally {
      held.active--;
      this.active--;
      this.pump();
    }
  }

  private pump(): void {
    const now = Date.now();
    let wake = Infinity;
    for (const [host, state] of this.hosts) {
      while (state.waiting.length && this.active < this.options.overall && state.active < this.options.perHost) {
        if (state.nextStart > now) {
          wake = Math.min(wake, state.nextStart);
          break;
        }
        state.active++;
        this.active++;
        state.nextStart = now + this.options.minIntervalMs;
        (state.waiting.shift() as () => void)();
      }
      if (state.active === 0 && state.waiting.length === 0 && state.nextStart <= now) this.hosts.delete(host);
    }
    if (wake < this.timerAt) {
      if (this.timer) clearTimeout(this.timer);
      this.timerAt = wake;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      }, wake - now);
    }
  }
}
