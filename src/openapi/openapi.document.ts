import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../auth/auth.decorators';
import { addScaleOutContract } from './scale-out';
import { addTransportProblems } from './transport-problems';
import { documentCreatedLocations } from './created-responses';

/** Every tag a controller uses must be described here; generation fails otherwise. */
export const TAGS: Record<string, string> = {
  ADOMs: 'Administrative domains (`/dvmdb/adom`).',
  'Firewall addresses': 'ADOM firewall address objects (`/pm/config/adom/{adom}/obj/firewall/address`).',
  Devices:
    'Managed devices (`/dvmdb/adom/{adom}/device`): read; add, delete and install settings as tasks. Device groups (`/dvmdb/adom/{adom}/group`).',
  'Managed FortiGates':
    "Live state of managed FortiGates through FortiManager's proxy (`exec /sys/proxy/json`): monitor reads, fan-out (207), running config, admin-only allow-listed writes, HA; policy hit counts (`/sys/hitcount`).",
  Revisions:
    'ADOM revisions (`/dvmdb/adom/{adom}/revision`): save, list, diff against now or another revision, revert.',
  Firmware:
    'Firmware images, upgrade paths and upgrades as tasks (`/um/image/*`), firmware templates (`/pm/fwmprof`).',
  'Firewall address groups': 'Address groups (`obj/firewall/addrgrp`).',
  'Firewall services': 'Custom services (`obj/firewall/service/custom`).',
  'Firewall service groups': 'Service groups (`obj/firewall/service/group`).',
  'Firewall schedules': 'Recurring and one-time schedules (`obj/firewall/schedule/*`).',
  'Firewall virtual IPs': 'Virtual IPs / DNAT (`obj/firewall/vip`).',
  'Firewall IP pools': 'IP pools / SNAT (`obj/firewall/ippool`).',
  'Firewall policies':
    'Policies of a package, in order: CRUD, move, clone, bulk (`pkg/{name}/firewall/policy`).',
  'Generic ADOM objects':
    'Any ADOM object table by its cli path, FMG attribute names as they are (`/pm/config/adom/{adom}/obj/{table}`).',
  'Generic Global objects':
    'Any Global ADOM object table by its cli path (`/pm/config/global/obj/{table}`); writes not auto-locked yet.',
  'Generic device config':
    'Device DB tables by cli path (`/pm/config/device/{device}/vdom/{vdom}/...`, `.../global/...`); every-ADOM clients only for now.',
  'FAZ alerts and incidents':
    'FortiAnalyzer event management alerts (`/eventmgmt/adom/{adom}/alerts`) and incidents (`/incidentmgmt/adom/{adom}/incidents`).',
  'FAZ FortiView': 'FortiAnalyzer FortiView top-N runs (`/fortiview/adom/{adom}/{view}/run`).',
  'FAZ reports':
    'FortiAnalyzer reports (`/report/adom/{adom}/...`): layouts, runs as tasks, PDF/HTML download.',
  Health: 'Liveness and readiness probes.',
  Upstreams:
    'The FortiManagers and FortiAnalyzers of this gateway, and managed devices across managers. Every FortiManager ' +
    'path is also served under `/managers/{manager}` and every FortiAnalyzer path under `/analyzers/{analyzer}` ' +
    "(each path's `servers`); the plain paths use the default one.",
  Logs: 'FortiAnalyzer log search (`/logview/adom/{adom}/logsearch`) as paged resources and streams; log fields, stats, files.',
  'Policy packages': 'Policy packages and folders (`/pm/pkg/adom/{adom}`).',
  'Provisioning templates':
    'System, SD-WAN and template-group templates (`/pm/devprof`, `/pm/wanprof`, `/pm/tmplgrp`) with their targets; metadata variables (`obj/fmg/variable`).',
  'Raw JSON-RPC': 'Admin-only passthrough for anything not modelled yet, under a url policy.',
  Scripts: 'CLI scripts (`/dvmdb/adom/{adom}/script`): CRUD, run as a task, per-device output.',
  System: 'Upstream identity and version (`/sys/status`).',
  Tasks: 'Long-running FortiManager work (`/task/task`): read, long-poll (`?wait=30s`) or stream (SSE).',
  Workspace: 'ADOM workspace locks: lock, commit, unlock (`/dvmdb/adom/{adom}/workspace`).',
};

const sortKeys = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).sort(([a], [b]) => a.localeCompare(b))) as T;

/** The OpenAPI document, with stable ordering so the committed file only changes when the API does. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('FortiREST')
    .setDescription(
      'REST for Fortinet FortiManager and FortiAnalyzer. Each operation names the JSON-RPC call it makes. ' +
        'Errors are RFC 9457 `application/problem+json`; upstream status codes are kept in `upstream.code`.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This gateway')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A JWT from your identity provider (or `npm run token` in development). Scopes: `read`, `write`, `admin` ' +
          '(each operation lists its own in `x-required-scopes`); ADOMs are limited by the `adoms` claim.',
      },
      BEARER_SCHEME,
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  const used = new Set(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((op: { tags?: string[] }) => op.tags ?? []),
    ),
  );
  const undescribed = [...used].filter((tag) => !(tag in TAGS));
  if (undescribed.length > 0) {
    throw new Error(`OpenAPI tags without a description in TAGS: ${undescribed.join(', ')}`);
  }
  addScaleOutContract(document);
  addTransportProblems(document);
  documentCreatedLocations(document);
  documentUpstreamPrefixes(document);
  document.paths = sortKeys(document.paths);
  if (document.components?.schemas) document.components.schemas = sortKeys(document.components.schemas);
  document.tags = (document.tags ?? [])
    .filter((t) => used.has(t.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  return document;
}

/** Tags whose paths are FortiAnalyzer routes; gateway-own tags have no upstream prefix. */
const FAZ_TAGS = (tag: string) => tag.startsWith('FAZ ') || tag === 'Logs';
const GATEWAY_TAGS = new Set(['Health', 'Upstreams']);

/**
 * Issue #18: each FortiManager path is also served under `/managers/{manager}` (FortiAnalyzer: `/analyzers/
 * {analyzer}`). Said once per path as OpenAPI `servers` rather than by doubling every path, so tools that
 * honour them (Swagger UI's server picker) offer both forms and the document stays one entry per route.
 */
function documentUpstreamPrefixes(document: OpenAPIObject): void {
  const server = (prefix: 'managers' | 'analyzers', variable: string, what: string) => ({
    url: `/${prefix}/{${variable}}`,
    description: `A named ${what} (GET /${prefix} lists them)`,
    variables: { [variable]: { default: 'default', description: `The ${what}'s name.` } },
  });
  for (const item of Object.values(document.paths)) {
    const tags = Object.values(item).flatMap((op: { tags?: string[] }) => op?.tags ?? []);
    if (tags.length === 0 || tags.some((t) => GATEWAY_TAGS.has(t))) continue;
    item.servers = [
      { url: '/', description: 'The default upstream' },
      tags.some(FAZ_TAGS)
        ? server('analyzers', 'analyzer', 'FortiAnalyzer')
        : server('managers', 'manager', 'FortiManager'),
    ];
  }
}
