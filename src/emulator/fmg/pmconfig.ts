/**
 * pm/config: ADOM/Global objects (`.../obj/<cli path>[/{name}[/{member attr}]]`), package policies
 * (`.../pkg/{pkg}/firewall/policy[/{policyid}[/{member attr}]]`) and the device DB (devicedb.ts).
 */
import { guardedWrite, type Ctx } from '../core/context';
import { deviceDbHandler, findDevice } from './devicedb';
import { syntaxOf } from './syntax';
import { parseOptions } from '../core/query';
import { bumpVersion, findPackage } from './pkg';
import { markPackageModified, packageStatus } from './provisioning';
import { OBJ_TABLES, POLICY_TABLE } from '../core/schema';
import { E, fail } from '../core/status';
import type { AdomConfig, AdomState } from '../core/store';
import { tableOp, type Target } from '../core/table';

const OBJ_PATHS = Object.keys(OBJ_TABLES)
  .map((p) => ({ path: p, segs: p.split('/') }))
  .sort((a, b) => b.segs.length - a.segs.length);

export function pmConfigHandler(ctx: Ctx): unknown {
  const { segs, store } = ctx;
  if (ctx.method === 'get' && parseOptions(ctx.p.option).has('syntax')) return syntax(ctx);
  let scope: AdomState | { config: AdomConfig };
  let rest: string[];
  if (segs[2] === 'adom' && segs.length > 3) {
    scope = store.adoms.get(segs[3]) ?? fail(E.INVALID_URL);
    rest = segs.slice(4);
  } else if (segs[2] === 'device') {
    return deviceDbHandler(ctx);
  } else if (segs[2] === 'global') {
    // [U] Global ADOM objects are writable without a workspace lock (its lock urls are not emulated).
    scope = store.globalScope;
    rest = segs.slice(3);
  } else {
    return fail(E.INVALID_URL);
  }
  if (rest[0] === 'obj') return objOp(ctx, scope, rest.slice(1));
  if (rest[0] === 'pkg' && 'meta' in scope) return policyOp(ctx, scope, rest.slice(1));
  if (rest[0] === '_package' && rest[1] === 'status' && 'meta' in scope) {
    return packageStatus(ctx, scope, rest.slice(2));
  }
  return fail(E.INVALID_URL);
}

function objOp(ctx: Ctx, scope: AdomState | { config: AdomConfig }, cli: string[]): unknown {
  // Longest table path first, so "firewall/service/custom" wins over a shorter prefix.
  const hit = OBJ_PATHS.find((t) => t.segs.every((s, i) => cli[i] === s));
  if (!hit) return fail(E.INVALID_URL);
  const tail = cli.slice(hit.segs.length);
  if (tail.length > 2) fail(E.INVALID_URL);
  const env = ctx.store.env(() => scope.config);
  return guardedWrite(ctx, scope, () => {
    const target: Target = {
      rows: scope.config.obj[hit.path],
      def: OBJ_TABLES[hit.path],
      path: hit.path,
      key: tail[0],
      attr: tail[1],
    };
    return tableOp(ctx.method, target, ctx.p, env);
  });
}

function policyOp(ctx: Ctx, adom: AdomState, rest: string[]): unknown {
  const [pkgName, a, b, key, attr, ...extra] = rest;
  // The url carries the package *name*; folders are not part of it. Unknown package → invalid url.
  if (pkgName === undefined || !findPackage(adom.config, pkgName)) fail(E.INVALID_URL);
  if (a !== 'firewall' || b !== 'policy' || extra.length > 0) fail(E.INVALID_URL);
  const env = ctx.store.env(() => adom.config);
  return guardedWrite(ctx, adom, () => {
    const target: Target = {
      rows: adom.config.policies[pkgName],
      def: POLICY_TABLE,
      path: 'firewall/policy',
      key,
      attr,
    };
    const out = tableOp(ctx.method, target, ctx.p, env);
    if (ctx.method !== 'get') {
      bumpVersion(findPackage(adom.config, pkgName));
      markPackageModified(ctx.store, adom, pkgName);
    }
    return out;
  });
}

/** `get` with `option: syntax` on a database url or a table url (docs/upstream-api.md §3.5). */
function syntax(ctx: Ctx): unknown {
  const { segs, store, product } = ctx;
  if (segs[2] === 'adom' && store.adoms.has(segs[3]) && segs[4] === 'obj') {
    return syntaxOf('obj', segs.slice(5), product.version);
  }
  if (segs[2] === 'global' && segs[3] === 'obj') return syntaxOf('obj', segs.slice(4), product.version);
  if (segs[2] === 'device' && segs[3] !== undefined && findDevice(store, segs[3])) {
    if (segs[4] === 'global') return syntaxOf('device-global', segs.slice(5), product.version);
    if (segs[4] === 'vdom' && segs[5]) return syntaxOf('device-vdom', segs.slice(6), product.version);
  }
  return fail(E.INVALID_URL);
}
