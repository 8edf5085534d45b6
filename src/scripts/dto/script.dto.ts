import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { ScopeList } from '../../packages/dto/scope.decorator';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsFmgName, NameList, Optional, WithName } from '../../common/validation/decorators';
import { ScopeMemberDto } from '../../packages/dto/package.dto';

export const SCRIPT_TARGETS = ['device_database', 'remote_device', 'adom_database'] as const;

export class ScriptParamsDto extends WithName(AdomParamsDto, 'name', {
  description: 'Script name.',
  example: 'show-version',
  maxLength: 71,
}) {}

export class ScriptOutputParamsDto extends WithName(ScriptParamsDto, 'device', {
  description: 'Device name.',
  example: 'FGT-HQ-CLUSTER',
  maxLength: 64,
}) {}

export class CreateScriptDto {
  @IsFmgName({ example: 'show-version', maxLength: 71 })
  name!: string;

  @ApiProperty({ enum: SCRIPT_TARGETS, description: 'Where the script runs.' })
  @IsIn(SCRIPT_TARGETS)
  target!: string;

  @ApiProperty({ example: 'get system status', description: 'FortiOS CLI, one command per line.' })
  @IsString()
  @MaxLength(65_536)
  content!: string;

  @ApiPropertyOptional({ example: 'Collect versions' })
  @Optional()
  @IsString()
  @MaxLength(255)
  description?: string;
}

export class UpdateScriptDto extends PartialType(OmitType(CreateScriptDto, ['name'] as const)) {}

export class ScriptDto extends CreateScriptDto {
  /** @example 'cli' */
  type?: string;
}

export class ExecuteScriptDto {
  @ScopeList({ description: 'Devices to run on (device or remote targets).' })
  scope?: ScopeMemberDto[];

  @NameList({
    description: 'Device groups to run on: every member of each group.',
    example: ['east-branches'],
  })
  groups?: string[];

  @ApiPropertyOptional({ description: 'Policy package to run on (ADOM-database scripts).' })
  @Optional()
  @IsString()
  @MaxLength(512)
  package?: string;
}

export class ScriptRunDto {
  /** @example 'show-version' */
  script!: string;
  /** @example 'success' */
  status!: string;
  /**
   * Epoch seconds.
   * @example 1795000000
   */
  executedAt?: number;
  /**
   * The script output as the device printed it.
   * @example 'Version: FortiGate-VM64 v7.4.4,build2662,240514 (GA.F)'
   */
  output!: string;
}
