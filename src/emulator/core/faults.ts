/** Fault injection for the JSON-RPC endpoint (control API `POST /__emulator/faults`). */
import { MESSAGES } from './status';
import { normalizeUrl } from './url';
import { isObj } from './util';

export interface FaultSpec {
  match?: { method?: string; url?: string };
  times?: number;
  status?: { code: number; message?: string };
  delayMs?: number;
  httpStatus?: number;
  invalidJson?: boolean;
  wrongId?: boolean;
  /** Closes the connection before the call runs (nothing happened upstream). */
  drop?: boolean;
  /** Runs the call, then closes the connection without answering: the write took effect, the reply is lost. */
  dropResponse?: boolean;
  /** Accepts the request and never answers (until the client gives up or the emulator closes). */
  hang?: boolean;
  /** Lets this many matching calls through before the fault applies (e.g. fail the third chunk of a list). */
  skip?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
}

export class FaultSpecError extends Error {}

export class Faults {
  private faults: Fault[] = [];
  private seq = 0;

  add(spec: unknown): Fault {
    const s = validate(spec);
    const status = s.status && {
      code: s.status.code,
      message: s.status.message ?? MESSAGES[s.status.code] ?? 'Error',
    };
    const fault: Fault = { ...s, status, id: ++this.seq, remaining: s.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching this call, if any. */
  take(body: unknown): Fault | undefined {
    if (!isObj(body)) return undefined;
    const urls = elements(body).map((el) => (typeof el.url === 'string' ? normalizeUrl(el.url) : ''));
    const fault = this.faults.find(
      (f) =>
        (f.match?.method === undefined || f.match.method === body.method) &&
        (f.match?.url === undefined || urls.some((u) => elementMatches(f, u))),
    );
    if (!fault) return undefined;
    if (fault.skip) {
      fault.skip--;
      return undefined;
    }
    if (--fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): void {
    this.faults = [];
  }
}

/** A `status` fault replaces only the params elements whose url matches (all of them without a url match). */
export function elementMatches(f: FaultSpec, normalizedUrl: string): boolean {
  return f.match?.url === undefined || normalizedUrl.startsWith(normalizeUrl(f.match.url));
}

export function elements(body: Record<string, unknown>): Record<string, unknown>[] {
  const params = Array.isArray(body.params) ? body.params : [body.params];
  return params.filter(isObj);
}

function validate(spec: unknown): FaultSpec {
  if (!isObj(spec)) throw new FaultSpecError('body must be an object');
  const s = spec as FaultSpec;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new FaultSpecError(`invalid ${what}`);
  };
  check(s.match === undefined || isObj(s.match), 'match');
  check(s.match?.method === undefined || typeof s.match.method === 'string', 'match.method');
  check(s.match?.url === undefined || typeof s.match.url === 'string', 'match.url');
  check(s.times === undefined || (Number.isInteger(s.times) && s.times > 0), 'times');
  check(s.skip === undefined || (Number.isInteger(s.skip) && s.skip >= 0), 'skip');
  check(s.status === undefined || (isObj(s.status) && Number.isInteger(s.status.code)), 'status');
  check(s.status?.message === undefined || typeof s.status.message === 'string', 'status.message');
  check(s.delayMs === undefined || (typeof s.delayMs === 'number' && s.delayMs >= 0), 'delayMs');
  check(
    s.httpStatus === undefined ||
      (Number.isInteger(s.httpStatus) && s.httpStatus >= 200 && s.httpStatus <= 599),
    'httpStatus',
  );
  for (const flag of ['invalidJson', 'wrongId', 'drop', 'dropResponse', 'hang'] as const) {
    check(s[flag] === undefined || typeof s[flag] === 'boolean', flag);
  }
  return structuredClone(s);
}
