/**
 * Politeness: at most `perHost` requests in flight to one host and `overall` in all, and at least `minIntervalMs`
 * between the starts of two requests to one host. Waiting requests of a host start in the order they came.
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

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    let state = this.hosts.get(host);
    if (!state) this.hosts.set(host, (state = { active: 0, nextStart: 0, waiting: [] }));
    const held = state;
    await new Promise<void>((resolve) => {
      held.waiting.push(resolve);
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
    for (const state of this.hosts.values()) {
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
