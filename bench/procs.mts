/** Child processes for the benchmark (emulator, gateway) and what /proc says about them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { sleep } from './load.mts';

export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Last lines of its output, for error messages. */
  output: string[];
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Children still running: killed (with their process groups) if the benchmark ends any other way. */
const running = new Set<ChildProcess>();

/** Kills a child's whole process group (it leads one: spawned detached), so nothing it started survives. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

// A benchmark that throws, is interrupted or calls process.exit() must not leave emulators or gateways behind
// (they were found alive minutes later, re-parented to PID 1).
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, 'SIGTERM');
    process.exit(130);
  });
}

/** Starts `node <args>` (the Node that runs the benchmark, i.e. Node 24) with extra env. */
export function startNode(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() and the exit hook reach anything it spawns as well.
    detached: true,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > 50) output.splice(0, output.length - 50);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return {
    name,
    pid: child.pid!,
    child,
    output,
    async stop() {
      const done = child.exitCode !== null || child.signalCode !== null;
      const exited = done ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child, 'SIGTERM');
      const timeout = sleep(8_000).then(() => 'timeout' as const);
      if ((await Promise.race([exited, timeout])) === 'timeout') killGroup(child, 'SIGKILL');
      await exited;
      // Whatever it started and left behind goes too (a no-op when the group is empty).
      killGroup(child, 'SIGKILL');
      running.delete(child);
    },
  };
}

/** Polls `check` until it returns true, or fails with the process's output. */
export async function waitFor(proc: Proc, what: string, check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) break;
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${proc.name}: ${what} did not happen.\n${proc.output.join('\n')}`);
}

function status(pid: number): Record<string, string> {
  const lines = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n');
  return Object.fromEntries(lines.map((l) => l.split(/:\s+/, 2) as [string, string]));
}

/** Resident set size now, in MB. */
export function rssMb(pid: number): number {
  return parseInt(status(pid).VmRSS, 10) / 1024;
}

/** Peak resident set size since start (or the last resetPeak), in MB. */
export function peakRssMb(pid: number): number {
  return parseInt(status(pid).VmHWM, 10) / 1024;
}

/** Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM, so each run gets its own peak. Needs root. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Samples RSS every `everyMs` while a run lasts; `max` is the sampled peak. */
export class RssSampler {
  readonly samples: { t: number; mb: number }[] = [];
  private timer?: NodeJS.Timeout;
  private readonly pid: number;
  private readonly everyMs: number;

  constructor(pid: number, everyMs: number) {
    this.pid = pid;
    this.everyMs = everyMs;
  }

  start(): this {
    const t0 = Date.now();
    this.timer = setInterval(() => {
      try {
        this.samples.push({ t: (Date.now() - t0) / 1000, mb: rssMb(this.pid) });
      } catch {
        // the process ended
      }
    }, this.everyMs);
    return this;
  }

  stop(): this {
    clearInterval(this.timer);
    return this;
  }

  get max(): number {
    return Math.max(0, ...this.samples.map((s) => s.mb));
  }
}

/** Machine load, to print next to the numbers (2 shared cores: other work skews everything). */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
