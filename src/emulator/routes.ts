/** url families served per product: shared ones (sys, cli, dvmdb, dvm, task) plus product-only ones. */
import type { Ctx, Route } from './core/context';
import { dvmHandler } from './fmg/dvm';
import { dvmdbHandler } from './fmg/dvmdb';
import { deploymentHandler, umHandler } from './fmg/firmware';
import { fwmprofHandler } from './fmg/firmware-templates';
import { FAZ_ROUTES } from './faz/faz';
import { haStatusHandler, hitcountHandler, taskResultHandler } from './fmg/hitcount';
import { pkgHandler } from './fmg/pkg';
import { proxyHandler } from './fmg/proxy';
import { templateHandler, TEMPLATE_KINDS } from './fmg/provisioning';
import { cacheHandler } from './fmg/revisions';
import { pmConfigHandler } from './fmg/pmconfig';
import type { EmulatorProduct } from './core/product';
import { E, fail } from './core/status';
import { securityConsoleHandler } from './fmg/securityconsole';
import { sysHandler } from './core/sys';
import { taskHandler } from './core/task-urls';

const COMMON: Route[] = [
  { root: 'sys', handler: sysHandler },
  { root: 'cli', handler: sysHandler },
  { root: 'dvmdb', handler: dvmdbHandler },
  { root: 'dvm', handler: dvmHandler },
  { root: 'task', handler: taskHandler },
];

const FMG_ROUTES: Route[] = [
  { root: 'pm', second: 'pkg', handler: pkgHandler },
  { root: 'pm', second: 'config', handler: pmConfigHandler },
  ...TEMPLATE_KINDS.map((second): Route => ({ root: 'pm', second, handler: templateHandler })),
  { root: 'securityconsole', handler: securityConsoleHandler },
  { root: 'cache', handler: cacheHandler },
  { root: 'pm', second: 'fwmprof', handler: fwmprofHandler },
  { root: 'um', handler: umHandler },
  { root: 'deployment', handler: deploymentHandler },
];

/** FortiManager-only `sys/` urls, listed before the shared `sys` family so they win. */
const FMG_SYS_ROUTES: Route[] = [
  { root: 'sys', second: 'proxy', handler: proxyHandler },
  { root: 'sys', second: 'hitcount', handler: hitcountHandler },
  { root: 'sys', second: 'task', handler: taskResultHandler },
  { root: 'sys', second: 'ha', handler: haStatusHandler },
];

const ROUTES: Record<EmulatorProduct, Route[]> = {
  fortimanager: [...FMG_SYS_ROUTES, ...COMMON, ...FMG_ROUTES],
  // Policy & objects (pm/*) do not exist on a FortiAnalyzer: -6 like any unknown url.
  fortianalyzer: [...COMMON, ...FAZ_ROUTES],
};

export function route(ctx: Ctx): unknown {
  const [root, second] = ctx.segs;
  const r = ROUTES[ctx.product.product].find(
    (x) => x.root === root && (x.second === undefined || x.second === second),
  );
  return r ? r.handler(ctx) : fail(E.INVALID_URL);
}
