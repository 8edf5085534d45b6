import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { ScopeList } from '../../packages/dto/scope.decorator';
import { ScopeMemberDto } from '../../packages/dto/package.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIP, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ApiAnyJsonProperty } from '../../common/http/any-json';
import { IsFmgName, Optional, WithName } from '../../common/validation/decorators';

export class DeviceParamsDto extends WithName(AdomParamsDto, 'device', {
  description: 'Device name (Device Manager).',
  example: 'FGT-HQ-CLUSTER',
  maxLength: 64,
}) {}

export class VdomDto {
  @ApiProperty({ example: 'root' })
  name!: string;
  @ApiPropertyOptional({ example: 'nat' })
  opmode?: string;
  @ApiAnyJsonProperty('VDOM status as FMG reports it (a number or a string, by version).', 1)
  status?: unknown;
}

/** A managed device (`/dvmdb/adom/{adom}/device`). */
export class DeviceDto {
  @ApiProperty({ example: 'FGT-HQ-CLUSTER' })
  name!: string;
  @ApiPropertyOptional({ example: 'FGVM02TM26000001' })
  serial?: string;
  @ApiPropertyOptional({ example: '192.0.2.10' })
  ip?: string;
  @ApiPropertyOptional({ example: 'FortiGate-VM64' })
  platform?: string;
  @ApiPropertyOptional({ example: '7.0' })
  osVersion?: string;
  @ApiPropertyOptional({ example: 6 })
  mr?: number;
  @ApiPropertyOptional({ enum: ['up', 'down', 'unknown'], description: 'Management tunnel state.' })
  connection?: string;
  @ApiPropertyOptional({ example: 'a-p', description: 'HA mode (`standalone`, `a-p`, `a-a`).' })
  haMode?: string;
  @ApiPropertyOptional({ example: 'FGT-HQ-01' })
  hostname?: string;
  @ApiPropertyOptional({ type: [VdomDto] })
  vdoms?: VdomDto[];
}

export class AddDeviceDto {
  @IsFmgName({ example: 'FGT-BRANCH-99', maxLength: 64 })
  name!: string;

  @ApiPropertyOptional({
    example: '198.51.100.99',
    description: 'Management IP (not needed for a model device).',
  })
  @Optional()
  @IsIP(4)
  ip?: string;

  @ApiPropertyOptional({ example: 'admin' })
  @Optional()
  @IsString()
  @Length(1, 64)
  adminUser?: string;

  @ApiPropertyOptional({ description: 'Never returned or logged.', writeOnly: true })
  @Optional()
  @IsString()
  @MaxLength(128)
  adminPassword?: string;

  @ApiPropertyOptional({ example: 'FGVM02TM26009999' })
  @Optional()
  @Matches(/^[A-Z0-9]{6,32}$/, { message: 'serial must be 6–32 upper-case letters and digits' })
  serial?: string;

  @ApiPropertyOptional({
    description: 'Add a model device (pre-provisioned, no connection yet).',
    default: false,
  })
  @Optional()
  @IsBoolean()
  model?: boolean;

  @ApiPropertyOptional({ example: 'FortiGate-VM64' })
  @Optional()
  @IsString()
  @MaxLength(64)
  platform?: string;
}

export class InstallDeviceSettingsDto {
  @ScopeList({ description: 'Devices whose settings to install.', required: true })
  scope!: ScopeMemberDto[];
}
