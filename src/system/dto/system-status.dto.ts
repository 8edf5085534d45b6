/** The upstream's identity and version (`/sys/status`). */
export class SystemStatusDto {
  /** @example 'v7.6.5-build3653 250124 (GA)' */
  version!: string;
  /** @example 7 */
  major!: number;
  /** @example 6 */
  minor!: number;
  /** @example 5 */
  patch!: number;
  /** @example 3653 */
  build!: number;
  /** @example 'FMG-EMULATOR' */
  hostname!: string;
  /** @example 'FMG-VMTM26000001' */
  serialNumber!: string;
  /** @example 'FortiManager-VM64' */
  platform!: string;
  /** @example 'Stand Alone' */
  haMode?: string;
  /** @example true */
  adomsEnabled?: boolean;
}
