export class FmgHaMemberDto {
  /** @example 'FMG-VM64' */
  hostname?: string;
  /** @example 'FMG-VMTM22005248' */
  serial?: string;
  /** @example '10.210.34.236' */
  ip?: string;
  /** @example 'up,in-sync' */
  syncStatus?: string;
  /** @example 8 */
  lastHeartbeatSeconds?: number;
}

/** FortiManager's own HA state (`get /sys/ha/status`). */
export class FmgHaDto {
  /**
   * `HA Role`: Primary, Secondary or Standalone.
   * @example 'Primary'
   */
  role!: string;
  /**
   * `FMG-HA Status`.
   * @example 'Synchronized State'
   */
  status?: string;
  /**
   * `HA Health Status`.
   * @example 'OK'
   */
  health?: string;
  /** @example 1 */
  clusterId?: number;
  /**
   * `Primary`: hostname, serial, address.
   * @example 'fmg-primary, FMG-VMTM22005246, 10.210.34.230'
   */
  primary?: string;
  members!: FmgHaMemberDto[];
}
