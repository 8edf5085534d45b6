import { Injectable } from '@nestjs/common';
import { FmgClient } from '../upstream/clients';
import { SystemStatusDto } from './dto/system-status.dto';

type FmgStatus = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function toSystemStatus(s: FmgStatus): SystemStatusDto {
  const adoms = s['Admin Domain Configuration'];
  return {
    version: str(s['Version']),
    major: num(s['Major']),
    minor: num(s['Minor']),
    patch: num(s['Patch']),
    build: num(s['Build']),
    hostname: str(s['Hostname']),
    serialNumber: str(s['Serial Number']),
    platform: str(s['Platform Type']),
    haMode: s['HA Mode'] === undefined ? undefined : str(s['HA Mode']),
    adomsEnabled: adoms === undefined ? undefined : /^enabled?$/i.test(str(adoms)),
  };
}

@Injectable()
export class SystemService {
  constructor(private readonly fmg: FmgClient) {}

  async getSystemStatus(): Promise<SystemStatusDto> {
    return toSystemStatus(await this.fmg.request<FmgStatus>('get', { url: '/sys/status' }));
  }
}
