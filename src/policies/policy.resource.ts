import { list, ResourceDef } from '../translator/resource';
import { PolicyDto } from './dto/policy.dto';

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
