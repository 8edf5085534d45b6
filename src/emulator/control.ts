/** Control API under /__emulator/ (tests and fault injection only; not part of FMG). */
import { ControlError, type EmulatorCore } from './emulator';
import { FaultSpecError } from './core/faults';
import { fazReport, reapFazTasks, setFazClock, setFazSpeed, setSyntheticLogs } from './faz/faz';
import { seedError, seedRows, type SeedRequest } from './fmg/bulk-seed';
import { isObj } from './core/util';
import { parseVersion } from './core/product';
import { setProxyTimeout } from './fmg/proxy';

export interface ControlReply {
  status: number;
  body: unknown;
}

export function handleControl(core: EmulatorCore, method: string, url: URL, body: unknown): ControlReply {
  try {
    return route(core, method, url, body);
  } catch (e) {
    if (e instanceof ControlError) return { status: e.status, body: { error: e.message } };
    throw e;
  }
}

function route(core: EmulatorCore, method: string, url: URL, body: unknown): ControlReply {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /__emulator/sessions':
      return ok(core.sessionReport());
    case 'POST /__emulator/sessions/expire':
      return ok({ expired: core.sessions.expireAll() });
    case 'GET /__emulator/faults':
      return ok({ faults: core.faults.list() });
    case 'POST /__emulator/faults':
      try {
        return ok({ id: core.faults.add(body).id });
      } catch (e) {
        if (e instanceof FaultSpecError) return { status: 400, body: { error: e.message } };
        throw e;
      }
    case 'DELETE /__emulator/faults':
      core.faults.clear();
      return ok({ cleared: true });
    case 'POST /__emulator/reset':
      core.reset();
      return ok({ reset: true });
    case 'GET /__emulator/calls': {
      const since = Number(url.searchParams.get('since') ?? 0);
      if (!Number.isInteger(since) || since < 0) return { status: 400, body: { error: 'invalid since' } };
      return ok(core.calls.since(since));
    }
    case 'POST /__emulator/workspace': {
      const b = isObj(body) ? body : {};
      if (typeof b.enabled !== 'boolean') throw new ControlError(400, 'enabled must be a boolean');
      return ok(core.setWorkspaceMode(adomName(b.adom), b.enabled));
    }
    case 'POST /__emulator/foreign-locks': {
      const b = isObj(body) ? body : {};
      const adom = adomName(b.adom);
      if (typeof b.user !== 'string' || b.user === '') throw new ControlError(400, 'user must be a name');
      const ms = b.releaseAfterMs;
      // setTimeout fires at once for delays beyond 2^31-1 ms, which would defeat the purpose.
      if (ms !== undefined && !(typeof ms === 'number' && ms >= 0 && ms <= MAX_DELAY_MS)) {
        throw new ControlError(400, `releaseAfterMs must be a number from 0 to ${MAX_DELAY_MS}`);
      }
      return ok(core.addForeignLock(adom, b.user, ms));
    }
    case 'DELETE /__emulator/foreign-locks':
      return ok({ released: core.releaseForeignLock(adomName(url.searchParams.get('adom') ?? undefined)) });
    case 'POST /__emulator/tasks/fail-next': {
      const b = isObj(body) ? body : {};
      if (b.device !== undefined && (typeof b.device !== 'string' || b.device === '')) {
        throw new ControlError(400, 'device must be a device name');
      }
      return ok({ pending: core.tasks.addFailNext(b.device) });
    }
    case 'POST /__emulator/firmware': {
      // An upgrade in place: sys/status and `option: syntax` answer for the new version at once.
      const b = isObj(body) ? body : {};
      if (typeof b.version !== 'string') {
        throw new ControlError(400, 'version must be e.g. "v7.4.3-build2487"');
      }
      try {
        core.product.version = parseVersion(b.version);
      } catch (e) {
        throw new ControlError(400, (e as Error).message);
      }
      return ok({ version: core.product.version.text });
    }
    case 'POST /__emulator/proxy/timeouts': {
      const b = isObj(body) ? body : {};
      if (typeof b.device !== 'string' || b.device === '') {
        throw new ControlError(400, 'device must be a device name');
      }
      return ok(setProxyTimeout(core.store, b.device));
    }
    case 'GET /__emulator/faz':
      return ok(fazReport(core.store, core.product));
    case 'POST /__emulator/faz/clock': {
      const out = setFazClock(core.store, core.product, body);
      return typeof out === 'string' ? { status: 400, body: { error: out } } : ok(out);
    }
    case 'POST /__emulator/faz/reap':
      return ok(reapFazTasks(core.store));
    case 'POST /__emulator/faz/logs/size': {
      const out = setSyntheticLogs(core.store, body);
      return typeof out === 'string' ? { status: 400, body: { error: out } } : ok(out);
    }
    case 'POST /__emulator/tables/seed': {
      const b = (isObj(body) ? body : {}) as Partial<SeedRequest>;
      const error = seedError(core.store, b);
      if (error) throw new ControlError(400, error);
      return ok(seedRows(core.store, b as SeedRequest));
    }
    case 'POST /__emulator/faz/speed': {
      const out = setFazSpeed(core.store, body);
      return typeof out === 'string' ? { status: 400, body: { error: out } } : ok(out);
    }
    case 'POST /__emulator/tasks/speed': {
      const b = isObj(body) ? body : {};
      try {
        return ok({ stepMs: core.tasks.setSpeed(b.stepMs) });
      } catch (e) {
        if (e instanceof RangeError) throw new ControlError(400, e.message);
        throw e;
      }
    }
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}

const MAX_DELAY_MS = 2 ** 31 - 1;

const ok = (body: unknown): ControlReply => ({ status: 200, body });

function adomName(v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new ControlError(400, 'adom must be an ADOM name');
  return v;
}
