import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsFmgName, Optional, WithName } from '../../common/validation/decorators';
import { DeviceParamsDto } from '../../devices/dto/device.dto';
import { CLI_PATH_MAX_LENGTH, CLI_PATH_PATTERN } from '../../generic-objects/generic-resource';
import { MONITOR_PARAMS, PARAM_VALUE_PATTERN } from '../fortios-resource';

const VDOM_PATTERN = '^[A-Za-z0-9_-]{1,31}$';

const PATH_MESSAGE = '$property must be FortiOS path words such as system/status (sent as system%2Fstatus)';

/** `{path}`: FortiOS path words, `/` sent as `%2F`; nothing that could leave the API it names. */
function FortiOsPath(example: string, api: string) {
  return (target: object, key: string) => {
    ApiProperty({
      description: `FortiOS ${api} path below \`/api/v2/${api}/\`, words separated by \`/\` (sent as \`%2F\`).`,
      example,
      pattern: CLI_PATH_PATTERN,
      maxLength: CLI_PATH_MAX_LENGTH,
    })(target, key);
    IsString()(target, key);
    MaxLength(CLI_PATH_MAX_LENGTH)(target, key);
    Matches(new RegExp(CLI_PATH_PATTERN), { message: PATH_MESSAGE })(target, key);
  };
}

export class DeviceMonitorParamsDto extends DeviceParamsDto {
  @FortiOsPath('system/status', 'monitor')
  path!: string;
}

export class GroupMonitorParamsDto {
  @IsFmgName({ description: 'ADOM name.', example: 'branch-east', maxLength: 64 })
  adom!: string;
  @IsFmgName({ description: 'Device group name.', example: 'east-branches', maxLength: 64 })
  group!: string;
  @FortiOsPath('system/resource/usage', 'monitor')
  path!: string;
}

export class LiveConfigParamsDto extends DeviceParamsDto {
  @FortiOsPath('firewall/address', 'cmdb')
  path!: string;
}

export class LiveConfigMemberParamsDto extends WithName(LiveConfigParamsDto, 'name', {
  description: 'Key (mkey) of the entry, URL-encoded.',
  example: 'all',
  maxLength: 255,
}) {}

/** What every proxied read takes: the VDOM and FMG's proxy timeout. */
export class ProxyQueryDto {
  /** FortiOS VDOM names are letters, digits, `_` and `-`, at most 31 characters. */
  @ApiPropertyOptional({
    description: 'VDOM (default `root`).',
    example: 'root',
    pattern: VDOM_PATTERN,
    maxLength: 31,
  })
  @Optional()
  @IsString()
  @Matches(new RegExp(VDOM_PATTERN), {
    message: '$property must be a FortiOS VDOM name (letters, digits, _ and -)',
  })
  vdom?: string;

  @ApiPropertyOptional({
    description:
      'Seconds FortiManager waits for the FortiGate (bounded by `PROXY_MAX_TIMEOUT_S`, default 60).',
    minimum: 1,
    maximum: 600,
    example: 10,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  timeout?: number;
}

function MonitorParam(example?: string) {
  return (target: object, key: string) => {
    ApiPropertyOptional({
      description: 'Passed to FortiOS as it is.',
      pattern: PARAM_VALUE_PATTERN,
      maxLength: 128,
      ...(example ? { example } : {}),
    })(target, key);
    Optional()(target, key);
    IsString()(target, key);
    Matches(new RegExp(PARAM_VALUE_PATTERN), {
      message: '$property has characters FortiOS parameters do not take',
    })(target, key);
  };
}

/** The FortiOS monitor parameters passed through (fortios-resource.ts MONITOR_PARAMS); others are a 400. */
export class MonitorQueryDto extends ProxyQueryDto {
  @MonitorParam('global')
  scope?: string;
  @MonitorParam('port1')
  interface_name?: string;
  @MonitorParam()
  include_vlan?: string;
  @MonitorParam()
  include_aggregate?: string;
  @MonitorParam('1-min')
  interval?: string;
  @MonitorParam('cpu')
  resource?: string;
  @MonitorParam()
  ip_mask?: string;
  @MonitorParam()
  type?: string;
  @MonitorParam('3')
  policyid?: string;
  @MonitorParam()
  ip_version?: string;
  @MonitorParam()
  start?: string;
  @MonitorParam()
  count?: string;
}

/** The allow-listed parameters of a monitor query, as FortiOS takes them. */
export function monitorParams(
  query: MonitorQueryDto,
): Partial<Record<(typeof MONITOR_PARAMS)[number], string>> {
  return Object.fromEntries(MONITOR_PARAMS.flatMap((p) => (query[p] === undefined ? [] : [[p, query[p]]])));
}

export class MonitorParamsBodyDto extends MonitorQueryDto {}

/** `POST …/monitor-queries`: one monitor call to several devices. */
export class MonitorQueryRequestDto {
  @ApiProperty({
    type: [String],
    example: ['FGT-NYC-01', 'FGT-BOS-01', 'FGT-PHL-01'],
    minItems: 1,
    maxItems: 100,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @Matches(/^[^\u0000-\u001f\u007f]+$/, {
    each: true,
    message: 'device names must not contain control characters',
  })
  devices!: string[];

  @ApiProperty({
    description: 'FortiOS monitor path below `/api/v2/monitor/`.',
    example: 'system/status',
    pattern: CLI_PATH_PATTERN,
    maxLength: CLI_PATH_MAX_LENGTH,
  })
  @IsString()
  @MaxLength(CLI_PATH_MAX_LENGTH)
  @Matches(new RegExp(CLI_PATH_PATTERN), { message: PATH_MESSAGE })
  path!: string;

  /** VDOM, timeout and FortiOS parameters. */
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => MonitorParamsBodyDto)
  query?: MonitorParamsBodyDto;
}

export class DeviceProblemDto {
  @ApiProperty({ example: 'urn:fortirest:problem:fmg-device-unreachable' })
  type!: string;
  @ApiProperty({ example: 'Managed device unreachable' })
  title!: string;
  @ApiProperty({ example: 502 })
  status!: number;
  @ApiProperty({ example: 'FMG_DEVICE_UNREACHABLE' })
  code!: string;
  @ApiProperty({ example: 'Device "FGT-PHL-01" could not be reached: device is offline' })
  detail!: string;
}

export class DeviceResultDto {
  /** @example 'FGT-NYC-01' */
  device!: string;
  /**
   * HTTP status this device alone would have had.
   * @example 200
   */
  status!: number;
  /**
   * FortiOS's `results` (on success).
   * @example { "hostname": "FGT-NYC-01", "model_name": "FortiGate" }
   */
  body?: unknown;
  /** Why this device has no answer. */
  problem?: DeviceProblemDto;
}

export class FanOutResultDto {
  results!: DeviceResultDto[];
}

export class WriteResultDto {
  /** @example 'FGT-HQ-CLUSTER' */
  device!: string;
  /** @example 'firewall/address' */
  path!: string;
  /**
   * Key of the entry written.
   * @example 'lab-net'
   */
  mkey?: string;
  /**
   * FortiOS configuration revision after the write.
   * @example '926d4f9c1148cf28'
   */
  revision?: string;
}

export class HaMemberDto {
  /** @example 'FG6H0FTB23900101' */
  serial!: string;
  /** @example 'FGT-HQ-CLUSTER' */
  hostname?: string;
  /** @example 200 */
  priority?: number;
  /** @example true */
  primary!: boolean;
}

export class DeviceHaDto {
  /** @example 'FGT-HQ-CLUSTER' */
  device!: string;
  /**
   * FortiManager's view (`ha_mode`): standalone, a-p, a-a.
   * @example 'a-p'
   */
  mode!: string;
  /** Live cluster members (FortiOS `system/ha-peer`). */
  members!: HaMemberDto[];
}
