import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsFmgName, NameList, Optional } from '../../common/validation/decorators';
import { PackageParamsDto } from '../../packages/dto/package.dto';
import { DecimalInt } from '../../common/validation/numbers';

const names = (example: string[]) =>
  ApiPropertyOptional({ type: [String], example, description: 'Object names.' });

export class PolicyParamsDto extends PackageParamsDto {
  @ApiProperty({ example: 3 })
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  policyid!: number;
}

export class CreatePolicyDto {
  @ApiPropertyOptional({ description: 'Leave out to let FortiManager assign the next free id.', example: 42 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  policyid?: number;

  @IsFmgName({ example: 'web-in', maxLength: 35, optional: true })
  name?: string;

  @NameList({ example: ['port1'], description: 'Object names.' }, { max: 256, length: 79 })
  srcintf?: string[];

  @NameList({ example: ['port2'], description: 'Object names.' }, { max: 256, length: 79 })
  dstintf?: string[];

  @NameList({ example: ['all'], description: 'Object names.' }, { max: 4096, length: 79 })
  srcaddr?: string[];

  @NameList({ example: ['vip_web01'], description: 'Object names.' }, { max: 4096, length: 79 })
  dstaddr?: string[];

  @NameList({ example: ['HTTPS'], description: 'Object names.' }, { max: 4096, length: 79 })
  service?: string[];

  @ApiPropertyOptional({ enum: ['accept', 'deny', 'ipsec'] })
  @Optional()
  @IsIn(['accept', 'deny', 'ipsec'])
  action?: string;

  @IsFmgName({ example: 'always', maxLength: 35, optional: true })
  schedule?: string;

  @ApiPropertyOptional({ enum: ['enable', 'disable'] })
  @Optional()
  @IsIn(['enable', 'disable'])
  status?: string;

  @ApiPropertyOptional({ enum: ['all', 'utm', 'disable'] })
  @Optional()
  @IsIn(['all', 'utm', 'disable'])
  logtraffic?: string;

  @ApiPropertyOptional({ enum: ['enable', 'disable'] })
  @Optional()
  @IsIn(['enable', 'disable'])
  nat?: string;

  @names(['pool_hq_nat'])
  @Optional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  poolname?: string[];

  @ApiPropertyOptional({ example: 'Published web server' })
  @Optional()
  @IsString()
  @MaxLength(1023)
  comments?: string;
}

export class ReplacePolicyDto extends OmitType(CreatePolicyDto, ['policyid'] as const) {}
export class UpdatePolicyDto extends PartialType(ReplacePolicyDto) {}

export class PolicyDto extends CreatePolicyDto {
  // FortiManager keeps unnamed policies with `name: ""`, so a read policy may have an empty name.
  @ApiPropertyOptional({
    example: 'web-in',
    minLength: 0,
    maxLength: 35,
    description: 'Empty for an unnamed policy.',
  })
  declare name?: string;
  /**
   * Position in the package (1 = evaluated first).
   * @example 3
   */
  seq?: number;
  uuid?: string;
}

export class MovePolicyDto {
  @ApiProperty({ enum: ['before', 'after'] })
  @IsIn(['before', 'after'])
  position!: 'before' | 'after';

  @ApiProperty({ description: 'The policy id to move next to.', example: 1 })
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  target!: number;
}

export class ClonePolicyDto {
  /** Attributes that differ in the copy (e.g. name). */
  @Optional()
  @ValidateNested()
  @Type(() => UpdatePolicyDto)
  overrides?: UpdatePolicyDto;
}

export class BulkUpdateItemDto extends UpdatePolicyDto {
  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  policyid!: number;
}

/** Several writes in one request; each item's outcome is reported separately (207). */
export class BulkPoliciesDto {
  @ApiPropertyOptional({ type: [CreatePolicyDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CreatePolicyDto)
  create?: CreatePolicyDto[];

  @ApiPropertyOptional({ type: [BulkUpdateItemDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BulkUpdateItemDto)
  update?: BulkUpdateItemDto[];

  @ApiPropertyOptional({ type: [Number], example: [7, 8] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(4_294_967_295, { each: true })
  delete?: number[];
}

export class BulkItemResultDto {
  @ApiProperty({ enum: ['create', 'update', 'delete'], example: 'create' })
  op!: string;
  /**
   * Index in its list of the request.
   * @example 0
   */
  index!: number;
  /** @example 42 */
  policyid?: number;
  /**
   * HTTP status this item alone would have had.
   * @example 201
   */
  status!: number;
  /** @example 'FMG_REFERENCE_NOT_FOUND' */
  code?: string;
  /** @example 'Reference not found: dstaddr vip_nope' */
  detail?: string;
  /**
   * FortiManager status code.
   * @example -10131
   */
  upstreamCode?: number;
}

export class BulkResultDto {
  results!: BulkItemResultDto[];
}
