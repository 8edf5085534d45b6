/**
 * CLI scripts (docs/upstream-api.md §8.7): `dvmdb/adom/{adom}/script[/{name}]`, `exec .../script/execute`
 * (a task) and `get .../script/log/latest/device/{dev}`.
 */
import { startAdomTask, type Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { findPackage } from './pkg';
import { queryTable } from '../core/query';
import type { TableDef } from '../core/schema';
import { adomOf, execData, scopeLines } from './securityconsole';
import { E, fail } from '../core/status';
import type { AdomState, Store } from '../core/store';
import { tableOp } from '../core/table';
import type { TaskLineSpec } from '../core/tasks';
import { str } from '../core/util';

const TARGETS = ['device_database', 'remote_device', 'adom_database'];

export const SCRIPT_TABLE: TableDef = {
  label: 'script',
  key: 'name',
  defaults: { type: 'cli', target: 'device_database', content: '', desc: '' },
  validate: (row) => {
    if (row.type !== 'cli' && row.type !== 'jinja') fail(E.INVALID_DATA);
    if (!TARGETS.includes(str(row.target))) fail(E.INVALID_DATA);
    if (typeof row.content !== 'string' || typeof row.desc !== 'string') fail(E.INVALID_DATA);
  },
};

export function scriptOp(ctx: Ctx, adom: AdomState, rest: string[]): unknown {
  const name = str(adom.meta.name);
  if (rest[0] === 'execute' && rest.length === 1 && ctx.method === 'exec') return execute(ctx, adom);
  if (rest[0] === 'log' && rest.length > 1) return logOp(ctx, name, rest.slice(1));
  if (rest.length > 1) fail(E.INVALID_URL);
  let rows = ctx.store.scripts.get(name);
  if (!rows) ctx.store.scripts.set(name, (rows = []));
  // [U] Scripts live in dvmdb, outside the ADOM workspace: no lock is needed to edit them.
  const before = structuredClone(rows);
  try {
    return tableOp(
      ctx.method,
      { rows, def: SCRIPT_TABLE, path: 'script', key: rest[0] },
      ctx.p,
      ctx.store.env(() => adom.config),
    );
  } catch (e) {
    rows.splice(0, rows.length, ...before);
    throw e;
  }
}

/** `log/latest/device/{dev}` → `[{content, exec_time, log_id, script_name, status}]` ([U] shape). */
function logOp(ctx: Ctx, adom: string, rest: string[]): unknown {
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  if (rest.length !== 3 || rest[0] !== 'latest' || rest[1] !== 'device') fail(E.INVALID_URL);
  const dev = rest[2];
  if (!ctx.store.adoms.get(adom)?.devices.some((d) => d.name === dev)) fail(E.NOT_FOUND);
  const log = ctx.store.scriptLogs.get(`${adom}/${dev}`);
  // [U] A device that never ran a script answers an empty list.
  return queryTable(log ? [log] : [], ctx.p, false);
}

/**
 * `{adom, script, scope: [{name, vdom}]}` runs on devices (remote_device needs them up;
 * device_database works on FMG's copy), `{adom, script, package}` on a policy package (one line).
 */
function execute(ctx: Ctx, urlAdom: AdomState): unknown {
  const d = execData(ctx);
  // [U] The url's ADOM wins; `data.adom`, if given, must name an existing ADOM.
  if (d.adom !== undefined) adomOf(ctx, d.adom);
  const adom = urlAdom;
  const adomName = str(adom.meta.name);
  const rows = ctx.store.scripts.get(adomName) ?? [];
  if (typeof d.script !== 'string') fail(E.INVALID_DATA);
  const script = rows.find((r) => r.name === d.script) ?? fail(E.NOT_FOUND, `script ${d.script} not found`);
  let lines: TaskLineSpec[];
  if (d.package !== undefined) {
    const pkg = findPackage(adom.config, str(d.package).split('/').pop()!);
    if (!pkg) fail(E.NOT_FOUND, `package ${str(d.package)} not found`);
    lines = [{ name: str(pkg.name), oid: Number(pkg.oid) }];
  } else {
    lines = scopeLines(adom, d.scope, script.target === 'remote_device');
  }
  const store = ctx.store;
  const isPkg = d.package !== undefined;
  for (const l of lines) {
    l.run = () => {
      if (!isPkg) log(store, adomName, l.name, script, 'success', output(script, l.name));
      return undefined;
    };
  }
  const task = startAdomTask(ctx, adom, {
    title: `Run script ${str(script.name)}`,
    src: 'device manager',
    lines,
    onEnd: (t) => {
      if (isPkg) return;
      for (const line of t.line as Row[]) {
        if (line.state !== 'error') continue;
        log(store, adomName, str(line.name), script, 'error', `${str(line.name)}: ${str(line.detail)}\n`);
      }
    },
  });
  return { task };
}

function log(store: Store, adom: string, dev: string, script: Row, status: string, content: string): void {
  const ids = [...store.scriptLogs.values()].map((l) => Number(l.log_id));
  store.scriptLogs.set(`${adom}/${dev}`, {
    content,
    // [U] Epoch seconds.
    exec_time: Math.floor(Date.now() / 1000),
    log_id: Math.max(0, ...ids) + 1,
    script_name: script.name,
    status,
  });
}

const QUERY = /^(get|show|diagnose|diag|execute|exec)\b/;

/**
 * [U] Fake device output: every script line echoed after a `{dev} $` prompt; query commands
 * (get/show/diagnose/execute) get an emulated result line, config commands print nothing (as FortiOS).
 */
function output(script: Row, dev: string): string {
  const out = [`Starting log (Run on ${script.target === 'remote_device' ? 'device' : 'database'})`, ''];
  for (const raw of str(script.content).split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    out.push(`${dev} $ ${line}`);
    if (QUERY.test(line)) out.push(`<emulated output of "${line}">`);
  }
  out.push(`${dev} $ `, '', 'Running script on ' + dev + ': success');
  return out.join('\n');
}
