import { badRequest, GatewayError } from '../common/errors/gateway-error';
import { CLI_PATH, CLI_PATH_MAX_LENGTH, SENSITIVE_TABLE } from '../generic-objects/generic-resource';

/**
 * The FortiOS REST resource a proxied call names (`/api/v2/monitor/...`, `/api/v2/cmdb/...`,
 * docs/upstream-api.md §8.10) is built here from validated parts, never taken from the client: the path
 * is lower-case FortiOS words only (no `..`, no scheme, no `?` or `#`), a member key is percent-encoded,
 * and only allow-listed query parameters are added.
 */
export type FortiOsApi = 'monitor' | 'cmdb';

/**
 * FortiOS monitor query parameters passed through (FortiOS 7.x REST reference: `global`, `scope`,
 * `interface_name`, `include_vlan`, `include_aggregate`, `interval`, `resource`, `ip_mask`, `type`,
 * `policyid`, `ip_version`, `start`, `count`); anything else is a 400 before the upstream is called.
 */
export const MONITOR_PARAMS = [
  'scope',
  'interface_name',
  'include_vlan',
  'include_aggregate',
  'interval',
  'resource',
  'ip_mask',
  'type',
  'policyid',
  'ip_version',
  'start',
  'count',
] as const;
export type MonitorParam = (typeof MONITOR_PARAMS)[number];

/** A parameter value: short, and nothing that could end the value or start another parameter. */
export const PARAM_VALUE = /^[A-Za-z0-9_.:/-]{1,128}$/;
export const PARAM_VALUE_PATTERN = '^[A-Za-z0-9_.:/-]{1,128}$';

/** The service's own check of `{path}` (the route DTOs check it first, with a 400 naming the field). */
export function assertFortiOsPath(path: string, api: FortiOsApi): string {
  if (path.length > CLI_PATH_MAX_LENGTH || !CLI_PATH.test(path)) {
    throw badRequest(`"${path}" is not a FortiOS ${api} path such as system/status.`, { parameter: 'path' });
  }
  // Credential tables stay closed here as on the device-DB routes: a read scope must not see admin hashes.
  if (api === 'cmdb' && SENSITIVE_TABLE.test(path)) {
    throw new GatewayError('TABLE_NOT_ALLOWED', `"${path}" holds credentials or keys and is not available.`);
  }
  return path;
}

/** A member key (`web-01`, `10.0.0.0/8`): any characters but control characters, `.` and `..`. */
export function assertMemberKey(key: string): string {
  if (
    key.length === 0 ||
    key.length > 255 ||
    key === '.' ||
    key === '..' ||
    /[\u0000-\u001f\u007f]/.test(key)
  ) {
    throw badRequest(`"${key}" is not a FortiOS object key.`, { parameter: 'name' });
  }
  return key;
}

export interface ResourceParts {
  api: FortiOsApi;
  path: string;
  /** Member key of a cmdb table. */
  key?: string;
  vdom?: string;
  /** Allow-listed query parameters, already validated. */
  params?: Partial<Record<MonitorParam, string>>;
}

export function fortiOsResource(parts: ResourceParts): string {
  const path = assertFortiOsPath(parts.path, parts.api);
  const key = parts.key === undefined ? '' : `/${encodeURIComponent(assertMemberKey(parts.key))}`;
  const query = new URLSearchParams();
  if (parts.vdom !== undefined) query.set('vdom', parts.vdom);
  for (const name of MONITOR_PARAMS) {
    const value = parts.params?.[name];
    if (value === undefined) continue;
    if (!PARAM_VALUE.test(value)) throw badRequest(`${name} has characters FortiOS parameters do not take.`);
    query.set(name, value);
  }
  const qs = query.toString();
  return `/api/v2/${parts.api}/${path}${key}${qs ? `?${qs}` : ''}`;
}
