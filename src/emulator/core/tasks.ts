/**
 * FMG task engine (docs/upstream-api.md §7): long operations (install, script, add/delete device) answer a task
 * id at once and progress over time, line by line. `task/task` urls read and delete them.
 */
import type { Row } from './filter';

/** Steps a line needs from 0 to 100 percent. */
export const STEPS_PER_LINE = 5;
/** The `task/task` table keeps this many of the newest tasks. [U] FMG keeps 10000 (docs/upstream-api.md §7). */
export const MAX_TASKS = 1000;

export type TaskState = 'pending' | 'running' | 'done' | 'error' | 'cancelled';

export interface TaskLineSpec {
  name: string;
  vdom?: string;
  ip?: string;
  oid?: number;
  /** Fails the line with this detail (e.g. an unreachable device). */
  fail?: string;
  /**
   * Runs when the line has reached 100 percent; answers a failure detail, or undefined for success.
   * Not called for a line that fails anyway.
   */
  run?: () => string | undefined;
  /**
   * Called after each step of a line that is still running (percent below 100); a string it answers
   * becomes the line's `detail` (e.g. which step of a multi-step firmware upgrade the device is at).
   */
  progress?: (percent: number) => string | undefined;
}

export interface TaskSpec {
  title: string;
  src: string;
  /** ADOM oid ([U] FMG shows the oid, not the name). */
  adom: number;
  user: string;
  lines: TaskLineSpec[];
  /** Extra attributes shown in the task (e.g. `preview`). */
  extra?: Row;
  /** Runs once the task has ended (done, error or cancelled). */
  onEnd?: (task: Row) => void;
}

interface Running {
  row: Row;
  specs: TaskLineSpec[];
  /** Steps done by the current line. */
  step: number;
  timer?: NodeJS.Timeout;
  onEnd?: (task: Row) => void;
}

const MAX_DELAY_MS = 2 ** 31 - 1;

export class TaskEngine {
  stepMs: number;
  private tasks: Running[] = [];
  private seq = 0;
  /** Pending `fail-next` requests: a device name, or undefined for whichever line comes next. */
  private failNext: (string | undefined)[] = [];

  constructor(private readonly defaultStepMs: number) {
    this.stepMs = defaultStepMs;
  }

  /** Creates and schedules a task; answers its id. */
  start(spec: TaskSpec): number {
    const id = ++this.seq;
    const now = Math.floor(Date.now() / 1000);
    const lines = spec.lines.map((l, i) => ({
      name: l.name,
      vdom: l.vdom ?? '',
      ip: l.ip ?? '',
      oid: l.oid ?? i + 1,
      state: 'pending',
      err: 0,
      percent: 0,
      detail: '',
      start_tm: 0,
      end_tm: 0,
      history: [] as Row[],
    }));
    const specs = spec.lines.map((l) => ({ ...l, fail: l.fail ?? this.takeFailNext(l.name) }));
    const row: Row = {
      id,
      title: spec.title,
      src: spec.src,
      adom: spec.adom,
      user: spec.user,
      // [U] FMG shows the worker's process id; a fake but stable number per task.
      pid: 4000 + id,
      flags: 0,
      start_tm: now,
      end_tm: 0,
      percent: 0,
      tot_percent: 0,
      num_lines: lines.length,
      num_done: 0,
      num_err: 0,
      num_warn: 0,
      state: 'pending',
      ...spec.extra,
      line: lines,
      history: [] as Row[],
    };
    const t: Running = { row, specs, step: 0, onEnd: spec.onEnd };
    this.tasks.push(t);
    if (this.tasks.length > MAX_TASKS) this.drop(this.tasks[0]);
    this.schedule(t);
    return id;
  }

  /** Runs a task to its end at once (blocking calls such as add device without `nonblocking`). */
  finishNow(id: number): Row | undefined {
    const t = this.tasks.find((x) => x.row.id === id);
    if (!t) return undefined;
    clearTimeout(t.timer);
    while (!this.ended(t)) this.advance(t);
    return t.row;
  }

  get(id: number): Row | undefined {
    return this.tasks.find((t) => t.row.id === id)?.row;
  }

  rows(): Row[] {
    return this.tasks.map((t) => t.row);
  }

  delete(id: number): boolean {
    const t = this.tasks.find((x) => x.row.id === id);
    if (!t) return false;
    this.drop(t);
    return true;
  }

  /** Cancels the unfinished tasks matching `pred`; answers how many. */
  cancel(pred: (task: Row) => boolean): number {
    let n = 0;
    for (const t of this.tasks) {
      if (this.ended(t) || !pred(t.row)) continue;
      clearTimeout(t.timer);
      t.timer = undefined;
      for (const l of this.lines(t)) {
        if (l.state === 'pending' || l.state === 'running') l.state = 'cancelled';
      }
      this.end(t, 'cancelled');
      n++;
    }
    return n;
  }

  addFailNext(device?: string): number {
    this.failNext.push(device);
    return this.failNext.length;
  }

  setSpeed(stepMs: unknown): number {
    if (typeof stepMs !== 'number' || !(stepMs >= 0 && stepMs <= MAX_DELAY_MS)) {
      throw new RangeError(`stepMs must be a number from 0 to ${MAX_DELAY_MS}`);
    }
    this.stepMs = stepMs;
    return stepMs;
  }

  /** Stops every timer (server close). */
  cancelTimers(): void {
    for (const t of this.tasks) clearTimeout(t.timer);
  }

  /** Forgets all tasks and fail-next requests; the speed returns to the configured one (reset). */
  clear(): void {
    this.cancelTimers();
    this.tasks = [];
    this.failNext = [];
    this.stepMs = this.defaultStepMs;
  }

  private takeFailNext(device: string): string | undefined {
    const i = this.failNext.findIndex((d) => d === undefined || d === device);
    if (i < 0) return undefined;
    this.failNext.splice(i, 1);
    return 'injected failure (emulator fail-next)';
  }

  private drop(t: Running): void {
    clearTimeout(t.timer);
    this.tasks.splice(this.tasks.indexOf(t), 1);
  }

  private schedule(t: Running): void {
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (!this.tasks.includes(t)) return;
      this.advance(t);
      if (!this.ended(t)) this.schedule(t);
    }, this.stepMs);
    // A running task must not keep the process (or a test runner) alive.
    t.timer.unref();
  }

  private lines(t: Running): Row[] {
    return t.row.line as Row[];
  }

  private ended(t: Running): boolean {
    return ['done', 'error', 'cancelled'].includes(t.row.state as string);
  }

  /** One step: the current line gains 100/STEPS_PER_LINE percent; a line at 100 ends. */
  private advance(t: Running): void {
    const row = t.row;
    const lines = this.lines(t);
    row.state = 'running';
    const idx = lines.findIndex((l) => l.state === 'pending' || l.state === 'running');
    if (idx < 0) return this.end(t, Number(row.num_err) > 0 ? 'error' : 'done');
    const line = lines[idx];
    const spec = t.specs[idx];
    if (line.state === 'pending') {
      line.state = 'running';
      line.start_tm = Math.floor(Date.now() / 1000);
      this.history(t, line, 'start');
    }
    t.step++;
    line.percent = Math.min(100, Math.round((t.step * 100) / STEPS_PER_LINE));
    if (t.step >= STEPS_PER_LINE) {
      t.step = 0;
      const failure = spec.fail ?? spec.run?.();
      line.end_tm = Math.floor(Date.now() / 1000);
      if (failure) {
        Object.assign(line, { state: 'error', err: 1, detail: failure });
        row.num_err = Number(row.num_err) + 1;
      } else {
        Object.assign(line, { state: 'done', detail: 'success' });
      }
      row.num_done = Number(row.num_done) + 1;
      this.history(t, line, line.detail as string);
    } else if (spec.progress) {
      const detail = spec.progress(Number(line.percent));
      if (detail !== undefined) line.detail = detail;
    }
    const sum = lines.reduce((s, l) => s + Number(l.percent), 0);
    // [U] tot_percent is read as the sum of the line percents (100 × num_lines when finished).
    row.tot_percent = sum;
    row.percent = lines.length ? Math.floor(sum / lines.length) : 100;
    if (lines.every((l) => l.state === 'done' || l.state === 'error')) {
      this.end(t, Number(row.num_err) > 0 ? 'error' : 'done');
    }
  }

  private history(t: Running, line: Row, detail: string): void {
    const h = { name: line.name, vdom: line.vdom, percent: line.percent, detail };
    (line.history as Row[]).push(h);
    (t.row.history as Row[]).push({ ...h });
  }

  private end(t: Running, state: TaskState): void {
    Object.assign(t.row, { state, percent: 100, end_tm: Math.floor(Date.now() / 1000) });
    t.onEnd?.(t.row);
  }
}
