import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the event loop's utilisation is sampled. */
const SAMPLE_MS = 100;
/** Busy from this share of a sample spent working, and until it falls below IDLE (hysteresis). */
const BUSY = 0.7;
const IDLE = 0.35;

/**
 * Whether this process is short of CPU: its event loop spent most of the last sample working (Node's
 * event-loop utilisation). Sampled on an unref'd timer that starts with the first question, so an idle
 * process pays nothing and a busy one a few microseconds per sample; the hysteresis keeps the answer from
 * flapping when acting on it (batching reads) lowers the load it measured.
 */
export class LoopLoad {
  private last?: EventLoopUtilization;
  private timer?: NodeJS.Timeout;
  private state = false;

  busy(): boolean {
    if (!this.timer) this.start();
    return this.state;
  }

  private start(): void {
    this.last = performance.eventLoopUtilization();
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      const { utilization } = performance.eventLoopUtilization(now, this.last);
      this.last = now;
      this.state = this.state ? utilization >= IDLE : utilization >= BUSY;
    }, SAMPLE_MS);
    this.timer.unref();
  }
}

/** One per process: every upstream client asks about the same event loop. */
export const loopLoad = new LoopLoad();
