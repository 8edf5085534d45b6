import * as addr from './dto/firewall-address.dto';
import * as grp from './dto/firewall-address-group.dto';
import * as pool from './dto/ip-pool.dto';
import * as sched from './dto/schedule.dto';
import * as svc from './dto/service-custom.dto';
import * as svcgrp from './dto/service-group.dto';
import * as vip from './dto/vip.dto';
import { FIREWALL_ADDRESS_RESOURCE } from './firewall-address.resource';
import { list } from '../translator/resource';
import { AnyObjectTypeSpec } from './object-type';

const ADDRESS_REFS = { groups: ['firewall/addrgrp'], policyFields: ['srcaddr', 'dstaddr'] };
const SERVICE_REFS = { groups: ['firewall/service/group'], policyFields: ['service'] };
const SCHEDULE_REFS = { groups: [], policyFields: ['schedule'] };

/** The typed ADOM object families (docs/upstream-api.md §8.4); each becomes /adoms/{adom}/{route}[/{name}]. */
export const OBJECT_TYPES: AnyObjectTypeSpec[] = [
  {
    route: 'firewall/addresses',
    cliPath: 'firewall/address',
    tag: 'Firewall addresses',
    singular: 'FirewallAddress',
    plural: 'FirewallAddresses',
    resource: FIREWALL_ADDRESS_RESOURCE,
    dto: addr.FirewallAddressDto,
    createDto: addr.CreateFirewallAddressDto,
    replaceDto: addr.ReplaceFirewallAddressDto,
    updateDto: addr.UpdateFirewallAddressDto,
    defaults: { type: 'ipmask' },
    references: ADDRESS_REFS,
  },
  {
    route: 'firewall/address-groups',
    cliPath: 'firewall/addrgrp',
    tag: 'Firewall address groups',
    singular: 'FirewallAddressGroup',
    plural: 'FirewallAddressGroups',
    resource: {
      label: 'firewall address group',
      key: 'name',
      fields: { name: 'name', member: list('member'), comment: 'comment', color: 'color', uuid: 'uuid' },
    },
    dto: grp.FirewallAddressGroupDto,
    createDto: grp.CreateFirewallAddressGroupDto,
    replaceDto: grp.ReplaceFirewallAddressGroupDto,
    updateDto: grp.UpdateFirewallAddressGroupDto,
    references: ADDRESS_REFS,
  },
  {
    route: 'firewall/services',
    cliPath: 'firewall/service/custom',
    tag: 'Firewall services',
    singular: 'FirewallService',
    plural: 'FirewallServices',
    resource: {
      label: 'firewall service',
      key: 'name',
      fields: {
        name: 'name',
        protocol: 'protocol',
        tcpPortRange: list('tcp-portrange'),
        udpPortRange: list('udp-portrange'),
        category: 'category',
        comment: 'comment',
        color: 'color',
      },
    },
    dto: svc.ServiceCustomDto,
    createDto: svc.CreateServiceCustomDto,
    replaceDto: svc.ReplaceServiceCustomDto,
    updateDto: svc.UpdateServiceCustomDto,
    references: SERVICE_REFS,
  },
  {
    route: 'firewall/service-groups',
    cliPath: 'firewall/service/group',
    tag: 'Firewall service groups',
    singular: 'FirewallServiceGroup',
    plural: 'FirewallServiceGroups',
    resource: {
      label: 'firewall service group',
      key: 'name',
      fields: { name: 'name', member: list('member'), comment: 'comment' },
    },
    dto: svcgrp.ServiceGroupDto,
    createDto: svcgrp.CreateServiceGroupDto,
    replaceDto: svcgrp.ReplaceServiceGroupDto,
    updateDto: svcgrp.UpdateServiceGroupDto,
    references: SERVICE_REFS,
  },
  {
    route: 'firewall/schedules/recurring',
    cliPath: 'firewall/schedule/recurring',
    tag: 'Firewall schedules',
    singular: 'RecurringSchedule',
    plural: 'RecurringSchedules',
    resource: {
      label: 'recurring schedule',
      key: 'name',
      fields: { name: 'name', day: list('day'), start: 'start', end: 'end' },
    },
    dto: sched.RecurringScheduleDto,
    createDto: sched.CreateRecurringScheduleDto,
    replaceDto: sched.ReplaceRecurringScheduleDto,
    updateDto: sched.UpdateRecurringScheduleDto,
    references: SCHEDULE_REFS,
  },
  {
    route: 'firewall/schedules/onetime',
    cliPath: 'firewall/schedule/onetime',
    tag: 'Firewall schedules',
    singular: 'OnetimeSchedule',
    plural: 'OnetimeSchedules',
    resource: {
      label: 'one-time schedule',
      key: 'name',
      fields: { name: 'name', start: 'start', end: 'end', color: 'color' },
    },
    dto: sched.OnetimeScheduleDto,
    createDto: sched.CreateOnetimeScheduleDto,
    replaceDto: sched.ReplaceOnetimeScheduleDto,
    updateDto: sched.UpdateOnetimeScheduleDto,
    references: SCHEDULE_REFS,
  },
  {
    route: 'firewall/vips',
    cliPath: 'firewall/vip',
    tag: 'Firewall virtual IPs',
    singular: 'VirtualIp',
    plural: 'VirtualIps',
    resource: {
      label: 'virtual IP',
      key: 'name',
      fields: {
        name: 'name',
        extip: 'extip',
        mappedip: list('mappedip'),
        extintf: 'extintf',
        portforward: 'portforward',
        protocol: 'protocol',
        extport: 'extport',
        mappedport: 'mappedport',
        comment: 'comment',
        uuid: 'uuid',
      },
    },
    dto: vip.VipDto,
    createDto: vip.CreateVipDto,
    replaceDto: vip.ReplaceVipDto,
    updateDto: vip.UpdateVipDto,
    references: { groups: [], policyFields: ['dstaddr'] },
  },
  {
    route: 'firewall/ip-pools',
    cliPath: 'firewall/ippool',
    tag: 'Firewall IP pools',
    singular: 'IpPool',
    plural: 'IpPools',
    resource: {
      label: 'IP pool',
      key: 'name',
      fields: { name: 'name', type: 'type', startip: 'startip', endip: 'endip', comment: 'comments' },
    },
    dto: pool.IpPoolDto,
    createDto: pool.CreateIpPoolDto,
    replaceDto: pool.ReplaceIpPoolDto,
    updateDto: pool.UpdateIpPoolDto,
    references: { groups: [], policyFields: ['poolname'] },
  },
];
