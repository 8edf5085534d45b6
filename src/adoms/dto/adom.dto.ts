import { IsFmgName } from '../../common/validation/decorators';

export class AdomParamsDto {
  @IsFmgName({ description: 'ADOM name.', example: 'root', maxLength: 64 })
  adom!: string;
}

/** An administrative domain (`/dvmdb/adom`). */
export class AdomDto {
  /** @example 'root' */
  name!: string;
  /** @example 'Headquarters' */
  description?: string;
  /**
   * FortiOS major.minor the ADOM is set to.
   * @example '7.0'
   */
  osVersion?: string;
  /**
   * Maintenance release.
   * @example 4
   */
  mr?: number;
  /**
   * Product types (`fos`, `faz`, ...).
   * @example 'fos'
   */
  restrictedProducts?: string;
  /**
   * Per-ADOM workspace mode (1 = on).
   * @example 0
   */
  workspaceMode?: number;
  /** @example 1 */
  state?: number;
  /** @example 3 */
  oid?: number;
  /** @example 'c1b8e6b4-7d5e-51ee-0000-000000000001' */
  uuid?: string;
}
