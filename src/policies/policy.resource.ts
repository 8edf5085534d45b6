import { upstreamProtocolError } from '../common/errors/gateway-error';
import { PackageParamsDto } from '../packages/dto/package.dto';
import { declareResource } from '../resources/resource';
import { list, ResourceDef } from '../translator/resource';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import {
  CreatePolicyDto,
  PolicyDto,
  PolicyParamsDto,
  ReplacePolicyDto,
  UpdatePolicyDto,
} from './dto/policy.dto';

/** `/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy` (docs/upstream-api.md §8.3), an ordered table keyed by policyid. */
export const POLICY_RESOURCE: ResourceDef<PolicyDto> = {
  label: 'firewall policy',
  key: 'policyid',
  fields: {
    policyid: 'policyid',
    name: 'name',
    srcintf: list('srcintf'),
    dstintf: list('dstintf'),
    srcaddr: list('srcaddr'),
    dstaddr: list('dstaddr'),
    service: list('service'),
    action: 'action',
    schedule: 'schedule',
    status: 'status',
    logtraffic: 'logtraffic',
    nat: 'nat',
    poolname: list('poolname'),
    comments: 'comments',
    seq: 'obj seq',
    uuid: 'uuid',
  },
};

/**
 * Policies live under the package *name* (`/pm/config/adom/{adom}/pkg/{name}/...`), while REST
 * addresses packages by folder path; the last part of the path is the name (names are unique per ADOM).
 */
const packageName = (pkg: string) => pkg.slice(pkg.lastIndexOf('/') + 1);
export const policyTableUrl = (adom: string, pkg: string) =>
  fmgUrl`/pm/config/adom/${adom}/pkg/${packageName(pkg)}/firewall/policy`;
export const policyUrl = (adom: string, pkg: string, id: number) =>
  fmgUrl`/pm/config/adom/${adom}/pkg/${packageName(pkg)}/firewall/policy/${id}`;

/** The policyid FMG assigned, from the echo of an add or clone. */
export function echoedPolicyId(echo: Record<string, unknown>): number {
  const id = Number(echo.policyid);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw upstreamProtocolError('The upstream did not say which policyid it assigned.');
  }
  return id;
}

const FMG = '`/pm/config/adom/{adom}/pkg/{name}/firewall/policy`';

/** Firewall policies of a package: config objects (workspace locks), keyed by the policyid FMG assigns. */
export const POLICIES = declareResource<PolicyDto>({
  route: 'adoms/:adom/packages/:pkg/policies/:policyid',
  tag: 'Firewall policies',
  names: { one: 'Policy', many: 'Policies' },
  resource: POLICY_RESOURCE,
  dto: PolicyDto,
  params: [PackageParamsDto, PolicyParamsDto],
  upstream: ({ adom, pkg }) => policyTableUrl(adom, pkg),
  workspace: true,
  ifMatch: true,
  list: {
    summary: 'List the policies of a package, in evaluation order',
    description: `FMG: \`get\` ${FMG}.`,
  },
  get: { summary: 'Get a policy', description: `FMG: \`get\` ${FMG}/{policyid}.` },
  create: {
    summary: 'Create a policy (appended last)',
    description: `FMG: \`add\` ${FMG}.`,
    problems: [404, 409, 422, 423],
    input: CreatePolicyDto,
    createdKey: (_dto, echo) => echoedPolicyId(echo),
    locationKey: (p) => p.policyid,
  },
  replace: {
    summary: 'Replace a policy',
    description: `FMG: \`set\` ${FMG}/{policyid}.`,
    problems: [404, 409, 422, 423],
    input: ReplacePolicyDto,
    toUpstream: (dto, { policyid }) => ({ ...dto, policyid }),
  },
  update: {
    summary: 'Update a policy',
    description: `FMG: \`update\` ${FMG}/{policyid}.`,
    problems: [404, 409, 422, 423],
    input: UpdatePolicyDto,
  },
  delete: {
    summary: 'Delete a policy',
    description: `FMG: \`delete\` ${FMG}/{policyid}.`,
    problems: [404, 423],
  },
});
