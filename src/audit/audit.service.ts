import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type { RpcCallRecord } from '../common/context/request-context';

/** One write through the gateway: who, from where, what REST call, which JSON-RPC calls, outcome. */
export interface AuditEntry {
  type: 'audit';
  time: string;
  requestId: string;
  subject: string;
  ip: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  rpc: RpcCallRecord[];
  /** What the write reached beyond its REST path (a proxied FortiGate write: device, FortiOS path). */
  target?: Record<string, string>;
}

/**
 * Writes one structured line per write request (also refused ones). Nothing from bodies or headers
 * is logged, so secrets and sessions cannot leak here. Listeners (tests, a future shipper) get each
 * entry as an `entry` event.
 */
@Injectable()
export class AuditService extends EventEmitter<{ entry: [AuditEntry] }> {
  private readonly logger = new Logger('Audit');

  record(entry: AuditEntry): void {
    // Fields of the JSON log line (pino stamps its own `time`), not a JSON string inside one.
    const { time: _time, ...fields } = entry;
    this.logger.log({ msg: 'audit', ...fields });
    this.emit('entry', entry);
  }
}
