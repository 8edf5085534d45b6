import { Type } from '@nestjs/common';
import { ResourceDef } from '../translator/resource';

/** Where a name of this type can be referenced from, for "where used". */
export interface ReferenceSpec {
  /** ADOM object tables whose `member` lists may hold the name (groups). */
  groups: string[];
  /** Firewall policy attributes that may hold the name. */
  policyFields: string[];
}

/**
 * One typed ADOM object family, e.g. firewall address groups. A spec drives a whole REST resource
 * (controller, OpenAPI, translation), so adding a type is a DTO file and one entry in OBJECT_TYPES.
 */
export interface ObjectTypeSpec<T = unknown> {
  /** REST path under /adoms/{adom}/, e.g. `firewall/address-groups`. */
  route: string;
  /** FMG cli path under `obj/`, e.g. `firewall/addrgrp`. */
  cliPath: string;
  tag: string;
  /** Operation id stems: `listFirewallAddressGroups`, `getFirewallAddressGroup`. */
  singular: string;
  plural: string;
  resource: ResourceDef<T>;
  dto: Type<T>;
  createDto: Type<object>;
  replaceDto: Type<object>;
  updateDto: Type<object>;
  /** Defaults applied on create and replace (FMG would otherwise pick its own). */
  defaults?: Record<string, unknown>;
  references: ReferenceSpec;
}

/** The registry holds specs of different object types side by side. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObjectTypeSpec = ObjectTypeSpec<any>;
