/** Embedded FortiManager / FortiAnalyzer JSON-RPC emulator: public API. */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EmulatorCore } from './emulator';
import { checkZone, DEFAULT_FAZ_TIME_ZONE } from './core/clock';
import type { CloudUser } from './core/oauth';
import { DEFAULT_VERSION, productInfo, type EmulatorProduct } from './core/product';
import { createEmulatorServer } from './server';
import type { EmulatorUser } from './core/sessions';

export type { CloudUser } from './core/oauth';
export type { EmulatorProduct } from './core/product';
export type { DataSet } from './fmg/seed';
export type { EmulatorUser } from './core/sessions';
export type { SessionReport } from './emulator';

import type { DataSet } from './fmg/seed';

export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (random free port). */
  port?: number;
  /** Default DEFAULT_USERS. */
  users?: EmulatorUser[];
  /** Per-user concurrent session cap (FMG login-max), default 32. */
  loginMax?: number;
  /** Session idle expiry, default 15 minutes. */
  idleTimeoutMs?: number;
  /** Load demo data, default true. */
  seed?: boolean;
  /** Which demo data (FortiManager): `demo` (default) or `west`, a second manager with other ADOMs and devices. */
  dataSet?: DataSet;
  /** Default 'fortimanager'. A FortiAnalyzer serves sys, cli and dvmdb but no pm/* (-6). */
  product?: EmulatorProduct;
  /**
   * Firmware shown in sys/status, default 'v7.6.5-build3653 250124 (GA)'. Versions 7.2.7 – 7.4.7
   * emulate the parallel-token bug (overlapping requests with the same API key answer -11).
   */
  version?: string;
  /** FortiCloud IAM API users for the OAuth/cloud login, default [DEMO_CLOUD_USER]. */
  cloudUsers?: CloudUser[];
  /** Lifetime of FortiCloud OAuth access tokens, default 3600_000 (1 hour). */
  oauthTokenTtlMs?: number;
  /** Task engine speed in ms per step, default 200; a task line takes 5 steps. */
  taskStepMs?: number;
  /**
   * The appliance's system time zone (IANA name), shown in sys/status and used to read FAZ `time-range`
   * bounds. Default `Europe/Brussels` for a FortiAnalyzer (a zone that is not UTC, with DST), UTC otherwise.
   */
  timeZone?: string;
  /**
   * End of the demo logs (and the alerts and incidents built from them), which cover the 7 days before it:
   * `'now'` (default, start-up time) or an epoch in seconds. Tests pass SEED_TIME for a fixed data set.
   */
  logsUntil?: number | 'now';
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** API key of the default `apiuser` (send as `Authorization: Bearer <key>`). */
export const DEMO_API_KEY = 'demo-api-key-0123456789';

/** Default FortiCloud IAM API user; its sessions act as `admin`. */
export const DEMO_CLOUD_USER: CloudUser = {
  username: 'DEMO-API-ID',
  password: 'demo-cloud-secret',
  user: 'admin',
};

export const DEFAULT_USERS: EmulatorUser[] = [
  { user: 'admin', password: 'admin', rpcPermit: 'read-write' },
  { user: 'viewer', password: 'viewer', rpcPermit: 'read' },
  // An API admin works with its key only; its password is random so a password login never succeeds.
  {
    user: 'apiuser',
    password: randomBytes(24).toString('base64'),
    rpcPermit: 'read-write',
    apiKey: DEMO_API_KEY,
  },
];

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const users = structuredClone(opts.users ?? DEFAULT_USERS);
  const core = new EmulatorCore({
    users,
    loginMax: opts.loginMax ?? 32,
    idleTimeoutMs: opts.idleTimeoutMs ?? 15 * 60_000,
    seed: opts.seed ?? true,
    dataSet: opts.dataSet,
    product: productInfo(opts.product ?? 'fortimanager', opts.version ?? DEFAULT_VERSION, {
      timeZone: checkZone(
        opts.timeZone ??
          ((opts.product ?? 'fortimanager') === 'fortianalyzer' ? DEFAULT_FAZ_TIME_ZONE : 'UTC'),
      ),
      logsUntil: logsUntil(opts.logsUntil),
    }),
    cloudUsers: cloudUsers(opts.cloudUsers, users),
    oauthTokenTtlMs: opts.oauthTokenTtlMs ?? 3600_000,
    taskStepMs: taskStepMs(opts.taskStepMs),
  });
  const { server, cancelPending } = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        cancelPending();
        core.cancelTimers();
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would otherwise hold the server (and Jest) open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Explicit cloud users must map to a known user. The default one is dropped when custom `users`
 * have no `admin`, so callers with their own user list need not care about FortiCloud.
 */
function cloudUsers(given: CloudUser[] | undefined, users: EmulatorUser[]): CloudUser[] {
  const known = (c: CloudUser) => users.some((u) => u.user === c.user);
  if (!given) return [DEMO_CLOUD_USER].filter(known).map((c) => ({ ...c }));
  const unknown = given.find((c) => !known(c));
  if (unknown) throw new Error(`cloud user ${unknown.username} maps to unknown user ${unknown.user}`);
  return structuredClone(given);
}

function taskStepMs(v: number | undefined): number {
  if (v === undefined) return 200;
  if (!(Number.isFinite(v) && v >= 0 && v <= 2 ** 31 - 1)) throw new Error(`invalid taskStepMs ${v}`);
  return v;
}

function logsUntil(v: number | 'now' | undefined): number {
  if (v === undefined || v === 'now') return Math.floor(Date.now() / 1000);
  if (!Number.isInteger(v) || v < 0) throw new Error(`logsUntil must be 'now' or epoch seconds, got ${v}`);
  return v;
}
