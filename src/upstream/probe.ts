import type { RpcClient } from './rpc-client';

/** A probe must answer quickly even when an upstream hangs. */
export const PROBE_TIMEOUT_MS = 3_000;

export function withTimeout<T>(promise: Promise<T>, ms = PROBE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type SystemStatus = { Version?: string } & Record<string, unknown>;

/** `get /sys/status` (docs/upstream-api.md §8.8), bounded: what /health/ready and GET /managers show. */
export function readStatus(client: RpcClient): Promise<SystemStatus> {
  return withTimeout(client.request<SystemStatus>('get', { url: '/sys/status' }));
}
