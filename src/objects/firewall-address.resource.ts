import { ResourceDef } from '../translator/resource';
import { FirewallAddressDto } from './dto/firewall-address.dto';

/** FMG keeps a subnet as `[ip, netmask]`; REST shows `ip/prefix` when the mask is contiguous. */
export function subnetToRest(value: unknown): unknown {
  const [ip, mask] = Array.isArray(value) ? value : String(value).split(/[ /]/);
  if (typeof ip !== 'string' || typeof mask !== 'string') return value;
  const prefix = prefixLength(mask);
  return `${ip}/${prefix ?? mask}`;
}

export function subnetToFmg(value: unknown): [string, string] {
  const [ip, suffix] = String(value).split('/');
  return [ip, suffix.includes('.') ? suffix : prefixToMask(Number(suffix))];
}

function prefixLength(mask: string): number | undefined {
  const bits = mask
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('');
  return /^1*0*$/.test(bits) && bits.length === 32
    ? bits.indexOf('0') === -1
      ? 32
      : bits.indexOf('0')
    : undefined;
}

function prefixToMask(prefix: number): string {
  const bits = '1'.repeat(prefix).padEnd(32, '0');
  return [0, 8, 16, 24].map((i) => parseInt(bits.slice(i, i + 8), 2)).join('.');
}

export const FIREWALL_ADDRESS_RESOURCE: ResourceDef<FirewallAddressDto> = {
  label: 'firewall address',
  key: 'name',
  fields: {
    name: 'name',
    type: 'type',
    subnet: { fmg: 'subnet', toRest: subnetToRest, toFmg: subnetToFmg },
    fqdn: 'fqdn',
    startIp: 'start-ip',
    endIp: 'end-ip',
    comment: 'comment',
    color: 'color',
    uuid: 'uuid',
  },
};
