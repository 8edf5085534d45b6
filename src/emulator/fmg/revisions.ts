/**
 * ADOM revisions (docs/upstream-api.md §8.8): `dvmdb/adom/{adom}/revision[/{version}]`, revert, and the
 * `cache/diff` flow (start → token, poll `get/summary` until percent 100, `end`).
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { queryTable, viewObject } from '../core/query';
import { E, fail } from '../core/status';
import type { AdomConfig, AdomState } from '../core/store';
import { isObj, str } from '../core/util';
import { markDirty, requireWriteLock } from '../core/workspace';
import { execData } from './securityconsole';

export function revisionOp(ctx: Ctx, adom: AdomState, rest: string[]): unknown {
  const revs = adom.revisions;
  if (rest.length === 0) {
    if (ctx.method === 'get') {
      return queryTable(
        revs.map((r) => r.row),
        ctx.p,
        false,
      );
    }
    if (ctx.method === 'add') return createRevision(ctx, adom, isObj(ctx.p.data) ? ctx.p.data : {});
    return fail(E.INVALID_CMD);
  }
  // [U] Revert: one third-party client sends `{version}` to `.../revision/revert`; not in Fortinet docs.
  if (rest.length === 1 && rest[0] === 'revert') return revert(ctx, adom);
  if (rest.length !== 1) return fail(E.INVALID_URL);
  const idx = revs.findIndex((r) => String(r.row.version) === rest[0]);
  switch (ctx.method) {
    case 'get':
      return viewObject(revs[idx]?.row ?? fail(E.NOT_FOUND), ctx.p);
    case 'update': {
      const row = revs[idx]?.row ?? fail(E.NOT_FOUND);
      const d = isObj(ctx.p.data) ? ctx.p.data : fail(E.INVALID_DATA);
      for (const k of ['name', 'desc'] as const) if (d[k] !== undefined) row[k] = str(d[k]);
      if (d.locked !== undefined) row.locked = Number(d.locked) ? 1 : 0;
      return { version: row.version };
    }
    case 'delete':
      if (idx < 0) fail(E.NOT_FOUND);
      // [U] A locked revision is protected from deletion, as in the GUI.
      if (revs[idx].row.locked) fail(E.INVALID_DATA, 'revision is locked');
      revs.splice(idx, 1);
      return undefined;
    default:
      return fail(E.INVALID_CMD);
  }
}

function createRevision(ctx: Ctx, adom: AdomState, d: Row): unknown {
  const name = d.name;
  if (typeof name !== 'string' || name === '' || name.length > 64) return fail(E.INVALID_DATA);
  const version = Math.max(0, ...adom.revisions.map((r) => Number(r.row.version))) + 1;
  const row: Row = {
    version,
    name,
    desc: d.desc === undefined ? '' : str(d.desc),
    created_by: d.created_by === undefined ? ctx.session.user : str(d.created_by),
    created_time: Math.floor(Date.now() / 1000),
    locked: Number(d.locked) ? 1 : 0,
  };
  // The revision captures the committed config a workspace user sees, i.e. the current one.
  adom.revisions.push({ row, snapshot: structuredClone(adom.config) });
  return { version };
}

function revert(ctx: Ctx, adom: AdomState): unknown {
  if (ctx.method !== 'exec' && ctx.method !== 'set') fail(E.INVALID_CMD);
  const d = execData(ctx);
  const rev = adom.revisions.find((r) => Number(r.row.version) === Number(d.version));
  if (!rev) return fail(E.NOT_FOUND, `revision ${str(d.version)} not found`);
  requireWriteLock(adom, ctx.session);
  adom.config = structuredClone(rev.snapshot);
  markDirty(adom);
  return undefined;
}

export interface DiffItem {
  category: string;
  added: string[];
  deleted: string[];
  modified: string[];
}

/** `exec /cache/diff/{start,get/summary,end}`; the token travels as a sibling of url. */
export function cacheHandler(ctx: Ctx): unknown {
  if (ctx.method !== 'exec') fail(E.INVALID_CMD);
  const op = ctx.segs.slice(1).join('/');
  if (op === 'diff/start') {
    const d = execData(ctx);
    const src = resolve(ctx, d.src);
    const dst = resolve(ctx, d.dst);
    const token = randomUUID();
    ctx.store.diffs.set(token, { summary: diffConfigs(src, dst), polls: 0 });
    return { token };
  }
  const token = ctx.p.token;
  if (typeof token !== 'string') return fail(E.INVALID_PARAM, 'token is required');
  const diff = ctx.store.diffs.get(token) ?? fail(E.NOT_FOUND, 'unknown diff token');
  if (op === 'diff/get/summary') {
    // [U] The first poll reports work in progress, so clients must poll as FMG requires.
    diff.polls++;
    return diff.polls < 2 ? { percent: 50 } : { percent: 100, summary: diff.summary };
  }
  if (op === 'diff/end') {
    ctx.store.diffs.delete(token);
    return undefined;
  }
  return fail(E.INVALID_URL);
}

/** `adom/{adom}` (the current config) or `adom/{adom}/revision/{n}`. */
function resolve(ctx: Ctx, ref: unknown): AdomConfig {
  const parts = typeof ref === 'string' ? ref.split('/') : [];
  if (parts[0] !== 'adom' || !(parts.length === 2 || (parts.length === 4 && parts[2] === 'revision'))) {
    fail(E.INVALID_DATA, `bad diff reference ${str(ref)}`);
  }
  const adom = ctx.store.adoms.get(parts[1]) ?? fail(E.NOT_FOUND, `adom ${parts[1]} not found`);
  if (parts.length === 2) return adom.config;
  const rev = adom.revisions.find((r) => String(r.row.version) === parts[3]);
  return rev?.snapshot ?? fail(E.NOT_FOUND, `revision ${parts[3]} not found`);
}

/** What changed going from `src` to `dst`: per object table and per package's policies. */
export function diffConfigs(src: AdomConfig, dst: AdomConfig): DiffItem[] {
  const out: DiffItem[] = [];
  const tables = new Set([...Object.keys(src.obj), ...Object.keys(dst.obj)]);
  for (const t of [...tables].sort()) {
    push(out, `obj/${t}`, src.obj[t] ?? [], dst.obj[t] ?? [], 'name');
  }
  const pkgs = new Set([...Object.keys(src.policies), ...Object.keys(dst.policies)]);
  for (const p of [...pkgs].sort()) {
    push(out, `pkg/${p}/firewall/policy`, src.policies[p] ?? [], dst.policies[p] ?? [], 'policyid');
  }
  return out;
}

function push(out: DiffItem[], category: string, a: Row[], b: Row[], key: string): void {
  const before = new Map(a.map((r) => [str(r[key]), JSON.stringify(r)]));
  const after = new Map(b.map((r) => [str(r[key]), JSON.stringify(r)]));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const deleted = [...before.keys()].filter((k) => !after.has(k));
  const modified = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  if (added.length + deleted.length + modified.length > 0) out.push({ category, added, deleted, modified });
}
