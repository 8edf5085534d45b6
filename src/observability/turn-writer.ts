import { writeSync } from 'node:fs';

/** A turn that logs more than this (in characters) writes what it has at once: a burst holds little memory. */
const FLUSH_SIZE = 64 * 1024;
/** How long to wait before trying again when the reader of a full pipe has not caught up. */
const BLOCKED_RETRY_MS = 1;
const blockedWait = new Int32Array(new SharedArrayBuffer(4));

/**
 * Log lines written to a file descriptor, all the lines of one turn of the event loop in one write.
 *
 * Writing each line as it is made cost one system call per line, and a request makes one access line:
 * when a batch of upstream answers is served in one turn, its readers' lines now go out in one write
 * (setImmediate runs once the turn's I/O callbacks and microtasks are done). The write itself stays
 * synchronous: nothing waits in memory for a thread pool, a crash loses at most the lines of the turn
 * it happened in (and none on a normal exit, see `flush`), and should the reader of a pipe stop reading,
 * the process waits for it rather than buffering without bound.
 */
export class TurnWriter {
  private pending: string[] = [];
  private size = 0;
  private scheduled = false;

  constructor(
    private readonly fd: number,
    private readonly writeTo: (fd: number, data: Uint8Array) => number = writeSync,
  ) {}

  /** pino's destination interface: one serialized line. */
  write(line: string): void {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_SIZE) {
      this.drain();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.endOfTurn);
    }
  }

  /** Writes what is pending now (pino's `logger.flush()`; on exit, where no more turns run). */
  flush(done?: (err?: Error) => void): void {
    this.drain();
    done?.();
  }

  /** The one write scheduled for this turn: whatever a write for size left behind goes out here. */
  private readonly endOfTurn = (): void => {
    this.scheduled = false;
    this.drain();
  };

  private drain(): void {
    if (this.pending.length === 0) return;
    let data: Uint8Array = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.size = 0;
    while (data.length > 0) {
      try {
        data = data.subarray(this.writeTo(this.fd, data));
      } catch (err) {
        // A non-blocking pipe whose reader is behind: wait for it, as a blocking write would. Any other
        // failure (the reader is gone: EPIPE) leaves the lines nowhere to go, and logging must not crash.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return;
        Atomics.wait(blockedWait, 0, 0, BLOCKED_RETRY_MS);
      }
    }
  }
}

let stdout: TurnWriter | undefined;

/** The process's one writer to standard output: every logger shares it, so lines keep their order. */
export function stdoutWriter(): TurnWriter {
  if (!stdout) {
    const writer = (stdout = new TurnWriter(1));
    process.on('exit', () => writer.flush());
  }
  return stdout;
}
