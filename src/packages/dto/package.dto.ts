import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsFmgName, Optional } from '../../common/validation/decorators';

const PACKAGE_PATH = /^[^\u0000-\u001f\u007f/]+(\/[^\u0000-\u001f\u007f/]+)*$/;
const PACKAGE_NAME = /^[^\u0000-\u001f\u007f/]+$/;

export class PackageParamsDto extends AdomParamsDto {
  /** Package path: the name, prefixed by its folders. Encode `/` as `%2F` in the URL. */
  @ApiProperty({
    description: 'Package path, folders separated by `/` (sent as `%2F`).',
    example: 'branches/branch-std',
  })
  @IsString()
  @Length(1, 512)
  @Matches(PACKAGE_PATH, {
    message: '$property must be folder/.../name with non-empty parts and no control characters',
  })
  pkg!: string;
}

export class PackageSettingsDto {
  @ApiPropertyOptional({ enum: ['enable', 'disable'] })
  @Optional()
  @IsIn(['enable', 'disable'])
  centralNat?: string;

  @ApiPropertyOptional({ enum: ['profile-based', 'policy-based'] })
  @Optional()
  @IsIn(['profile-based', 'policy-based'])
  ngfwMode?: string;

  @ApiPropertyOptional({ enum: ['enable', 'disable'] })
  @Optional()
  @IsIn(['enable', 'disable'])
  consolidatedFirewallMode?: string;
}

/** An installation target: a device and VDOM, or a device group (no `vdom`). */
export class ScopeMemberDto {
  @IsFmgName({ example: 'FGT-HQ-01' })
  name!: string;

  @IsFmgName({ example: 'root', optional: true, maxLength: 64 })
  vdom?: string;
}

export class PackageDto {
  @ApiProperty({ example: 'branch-std' })
  name!: string;
  @ApiProperty({
    description: 'Folders and name; use it (URL-encoded) as `{pkg}`.',
    example: 'branches/branch-std',
  })
  path!: string;
  @ApiProperty({ enum: ['pkg', 'folder'] })
  type!: string;
  @ApiPropertyOptional()
  oid?: number;
  @ApiPropertyOptional({ type: PackageSettingsDto })
  settings?: PackageSettingsDto;
  @ApiPropertyOptional({ type: [ScopeMemberDto] })
  scope?: ScopeMemberDto[];
  @ApiPropertyOptional({ description: 'Folder contents.', type: () => [PackageDto] })
  children?: PackageDto[];
}

export class CreatePackageDto {
  @ApiProperty({ example: 'branch-new', minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  @Matches(PACKAGE_NAME, { message: '$property must not contain "/" or control characters' })
  name!: string;

  @ApiPropertyOptional({ description: 'Existing folder path to create the package in.', example: 'branches' })
  @Optional()
  @IsString()
  @Length(1, 512)
  @Matches(PACKAGE_PATH, { message: '$property must be a folder path with non-empty parts' })
  folder?: string;

  @Optional()
  @ValidateNested()
  @Type(() => PackageSettingsDto)
  settings?: PackageSettingsDto;

  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ScopeMemberDto)
  scope?: ScopeMemberDto[];
}

/** PUT: the whole writable state of the package (omitted settings fall back to FMG defaults). */
export class ReplacePackageDto extends OmitType(CreatePackageDto, ['name', 'folder'] as const) {}

/** PATCH: only what is sent changes. */
export class UpdatePackageDto extends PartialType(ReplacePackageDto) {}
