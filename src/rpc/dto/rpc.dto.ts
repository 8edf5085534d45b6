import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject } from 'class-validator';
import { Optional } from '../../common/validation/decorators';
import { ApiAnyJsonProperty } from '../../common/http/any-json';

export const RPC_METHODS = [
  'get',
  'add',
  'set',
  'update',
  'replace',
  'delete',
  'exec',
  'clone',
  'move',
] as const;

/** A raw JSON-RPC call. The gateway supplies id and session; `params[].url` is checked against policy. */
export class RpcCallDto {
  @ApiProperty({ enum: RPC_METHODS, example: 'get' })
  @IsIn(RPC_METHODS)
  method!: (typeof RPC_METHODS)[number];

  @ApiProperty({
    description:
      'JSON-RPC params: objects with a `url` and the usual `data`, `fields`, `filter`, `range`, `option`, ...',
    example: [
      { url: '/pm/config/adom/root/obj/firewall/address', fields: ['name', 'subnet'], range: [0, 5] },
    ],
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: true,
      properties: { url: { type: 'string' } },
      required: ['url'],
    },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  params!: Record<string, unknown>[];

  @ApiPropertyOptional({ enum: ['fmg', 'faz'], default: 'fmg' })
  @Optional()
  @IsIn(['fmg', 'faz'])
  upstream?: 'fmg' | 'faz';
}

export class RpcStatusDto {
  /** @example 0 */
  code!: number;
  /** @example 'OK' */
  message!: string;
}

export class RpcResultDto {
  @ApiProperty({ type: RpcStatusDto })
  status!: RpcStatusDto;
  @ApiProperty({ example: '/pm/config/adom/root/obj/firewall/address' })
  url!: string;
  @ApiAnyJsonProperty('Whatever the upstream returned.', [
    { name: 'web-01', subnet: ['192.0.2.10', '255.255.255.255'] },
  ])
  data?: unknown;
}

export class RpcResponseDto {
  /** One result per param, in order, with the upstream status kept. */
  result!: RpcResultDto[];
}
