import { ApiProperty } from '@nestjs/swagger';

export class GroupReferenceDto {
  @ApiProperty({ example: 'firewall/addrgrp' })
  table!: string;
  @ApiProperty({ example: 'web-servers' })
  name!: string;
}

export class PolicyReferenceDto {
  @ApiProperty({ example: 'default' })
  package!: string;
  @ApiProperty({ example: 3 })
  policyid!: number;
  @ApiProperty({ example: 'web-in' })
  name!: string;
  @ApiProperty({ example: ['dstaddr'] })
  fields!: string[];
}

/** Every group and firewall policy of the ADOM that names the object. */
export class WhereUsedDto {
  @ApiProperty({ type: [GroupReferenceDto] })
  groups!: GroupReferenceDto[];
  @ApiProperty({ type: [PolicyReferenceDto] })
  policies!: PolicyReferenceDto[];
}
