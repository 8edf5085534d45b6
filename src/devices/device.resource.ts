import { ResourceDef } from '../translator/resource';
import { DeviceDto } from './dto/device.dto';

const CONNECTION: Record<number, string> = { 1: 'up', 2: 'down' };

export const DEVICE_RESOURCE: ResourceDef<DeviceDto> = {
  label: 'device',
  key: 'name',
  // VDOMs are a sub-table of the device.
  loadSubTables: true,
  fields: {
    name: 'name',
    serial: 'sn',
    ip: 'ip',
    platform: 'platform_str',
    osVersion: 'os_ver',
    mr: 'mr',
    connection: { fmg: 'conn_status', toRest: (v) => CONNECTION[Number(v)] ?? 'unknown' },
    haMode: 'ha_mode',
    hostname: 'hostname',
    vdoms: {
      fmg: 'vdom',
      toRest: (v) =>
        (Array.isArray(v) ? (v as Record<string, unknown>[]) : []).map((d) => ({
          name: d.name,
          opmode: d.opmode,
          status: d.status,
        })),
    },
  },
};
