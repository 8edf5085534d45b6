import { TaskDto, TaskLineDto } from './dto/task.dto';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
const time = (v: unknown): string | undefined =>
  num(v) > 0 ? new Date(num(v) * 1000).toISOString() : undefined;

/** FMG may report states as numbers without `verbose` (docs/upstream-api.md §7: 0 pending, 1 running, 3 cancelled, 4 done, 5 error). */
const STATES: Record<number, string> = { 0: 'pending', 1: 'running', 3: 'cancelled', 4: 'done', 5: 'error' };
const state = (v: unknown): string => (typeof v === 'string' ? v : (STATES[num(v)] ?? 'running'));

/** The completion rule is percent 100; success is no error lines (docs/upstream-api.md §7), whatever `state` says. */
export function toTask(row: Row): TaskDto {
  const percent = num(row.percent);
  const errors = num(row.num_err);
  const lines = Array.isArray(row.line) ? (row.line as Row[]) : undefined;
  return {
    id: num(row.id),
    title: typeof row.title === 'string' ? row.title : '',
    source: typeof row.src === 'string' ? row.src : undefined,
    user: typeof row.user === 'string' ? row.user : undefined,
    state: state(row.state),
    percent,
    done: percent >= 100,
    succeeded: percent >= 100 && errors === 0,
    lines: num(row.num_lines),
    linesDone: num(row.num_done),
    errors,
    warnings: num(row.num_warn),
    startedAt: time(row.start_tm),
    endedAt: time(row.end_tm),
    details: lines?.map((l): TaskLineDto => ({
      name: typeof l.name === 'string' ? l.name : '',
      vdom: typeof l.vdom === 'string' && l.vdom ? l.vdom : undefined,
      state: state(l.state),
      percent: num(l.percent),
      detail: typeof l.detail === 'string' ? l.detail : undefined,
      failed: num(l.err) > 0,
    })),
  };
}
