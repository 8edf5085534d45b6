/** Embedded FortiManager JSON-RPC emulator: public API. */
import type { AddressInfo } from 'node:net';
import { EmulatorCore } from './core';
import { createEmulatorServer } from './server';
import type { EmulatorUser } from './sessions';

export type { EmulatorUser } from './sessions';

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
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_USERS: EmulatorUser[] = [
  { user: 'admin', password: 'admin', rpcPermit: 'read-write' },
  { user: 'viewer', password: 'viewer', rpcPermit: 'read' },
];

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const core = new EmulatorCore({
    users: structuredClone(opts.users ?? DEFAULT_USERS),
    loginMax: opts.loginMax ?? 32,
    idleTimeoutMs: opts.idleTimeoutMs ?? 15 * 60_000,
    seed: opts.seed ?? true,
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
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would otherwise hold the server (and Jest) open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
