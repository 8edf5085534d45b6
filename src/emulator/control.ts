/** Control API under /__emulator/ (tests and fault injection only; not part of FMG). */
import type { EmulatorCore } from './core';
import { FaultSpecError } from './faults';

export interface ControlReply {
  status: number;
  body: unknown;
}

export function handleControl(core: EmulatorCore, method: string, url: URL, body: unknown): ControlReply {
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
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}

const ok = (body: unknown): ControlReply => ({ status: 200, body });
