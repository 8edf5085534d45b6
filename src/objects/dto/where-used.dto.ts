export class GroupReferenceDto {
  /** @example 'firewall/addrgrp' */
  table!: string;
  /** @example 'web-servers' */
  name!: string;
}

export class PolicyReferenceDto {
  /** @example 'default' */
  package!: string;
  /** @example 3 */
  policyid!: number;
  /** @example 'web-in' */
  name!: string;
  /** @example ["dstaddr"] */
  fields!: string[];
}

/** Every group and firewall policy of the ADOM that names the object. */
export class WhereUsedDto {
  groups!: GroupReferenceDto[];
  policies!: PolicyReferenceDto[];
}
