/** Debounces work per document and cancels what a newer version makes stale. */
import type { Cancellation } from '../core/types';

export class CancellationFlag implements Cancellation {
  isCancellationRequested = false;
}

export class DocumentScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, CancellationFlag>();

  constructor(
    private readonly delayMs: number,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Runs `work` after the delay, unless the same key is scheduled again first; a running one is cancelled. */
  schedule(key: string, work: (token: Cancellation) => Promise<void>): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      const token = new CancellationFlag();
      this.running.set(key, token);
      work(token)
        .catch((error: unknown) => this.onError(key, error))
        .finally(() => {
          if (this.running.get(key) === token) this.running.delete(key);
        });
    }, this.delayMs);
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    const token = this.running.get(key);
    if (token) token.isCancellationRequested = true;
    this.running.delete(key);
  }
}
