import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { AttributeKind, AttributeRule, TableSchema } from '../table-schema';

const KINDS: AttributeKind[] = ['string', 'integer', 'enum', 'reference', 'address', 'table', 'other'];

/** One attribute of a table, from the upstream's own `option: syntax`. */
@ApiSchema({ name: 'SchemaAttribute' })
export class SchemaAttributeDto implements AttributeRule {
  @ApiProperty({ example: 'type' })
  name!: string;
  @ApiProperty({ description: "FortiManager's type name.", example: 'uint32' })
  type!: string;
  @ApiProperty({ enum: KINDS, description: 'How the gateway checks the value.', example: 'enum' })
  kind!: AttributeKind;
  @ApiProperty({ description: 'Takes one value or a list of them.', example: false })
  list!: boolean;
  @ApiPropertyOptional({ minimum: 2, maximum: 4294967295, example: 16 })
  maxItems?: number;
  @ApiPropertyOptional({ type: [String], example: ['ipmask', 'iprange', 'fqdn'] })
  enum?: string[];
  @ApiPropertyOptional({ example: 0 })
  minimum?: number;
  @ApiPropertyOptional({ example: 32 })
  maximum?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 4294967295, example: 255 })
  maxLength?: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'Tables (cli paths) the value names objects of.',
    example: ['firewall/address'],
  })
  references?: string[];
  @ApiPropertyOptional({ description: 'The child table (cli path).', example: 'firewall/address/tagging' })
  table?: string;
  @ApiPropertyOptional({
    description: 'Default value, as FMG gives it.',
    anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: {} }],
  })
  default?: unknown;
  /** @example 'Type of address.' */
  help?: string;
}

/** A table as the upstream's firmware describes it. */
@ApiSchema({ name: 'SchemaTable' })
export class SchemaTableDto implements TableSchema {
  @ApiProperty({
    description: 'The firmware version the schema is for (`/sys/status`).',
    example: 'v7.6.5-build3653 250124 (GA)',
  })
  version!: string;
  @ApiProperty({ description: 'cli path', example: 'firewall/address' })
  table!: string;
  @ApiPropertyOptional({ description: 'Key attribute (FMG mkey).', example: 'name' })
  key?: string;
  @ApiPropertyOptional({
    description: 'Most objects the table may hold (FMG alimit).',
    minimum: 0,
    maximum: 4294967295,
    example: 400000,
  })
  limit?: number;
  attributes!: SchemaAttributeDto[];
}

/** A table in the list: its name and size of its definition. */
@ApiSchema({ name: 'SchemaTableSummary' })
export class SchemaTableSummaryDto {
  @ApiProperty({ example: 'firewall/address' })
  table!: string;
  @ApiPropertyOptional({ example: 'name' })
  key?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 4294967295, example: 400000 })
  limit?: number;
  @ApiProperty({ description: 'Number of attributes.', minimum: 0, maximum: 4294967295, example: 14 })
  attributes!: number;
}

/** The tables of one database (ADOM objects, Global objects, a device's global or VDOM config). */
@ApiSchema({ name: 'SchemaTables' })
export class SchemaTablesDto {
  /** @example 'v7.6.5-build3653 250124 (GA)' */
  version!: string;
  tables!: SchemaTableSummaryDto[];
}
