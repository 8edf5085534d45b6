import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type SchemaObject } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsFmgName } from '../../common/validation/decorators';
import { pageClass } from '../../common/http/page.dto';
import { CLI_PATH, CLI_PATH_MAX_LENGTH, CLI_PATH_PATTERN, FmgObject } from '../generic-resource';

/** Most attributes an FMG object in a request body may have. */
export const MAX_ATTRIBUTES = 200;

/** An FMG object in a body or response: free-form, FMG's attribute names and values. */
export const FMG_OBJECT_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  description: 'An FMG object: attribute names and values exactly as FortiManager uses them.',
  example: { name: 'net_192.0.2.0', subnet: ['192.0.2.0', '255.255.255.0'], comment: 'Example' },
};

/** The body of create, replace and update. */
export const FMG_OBJECT_BODY_SCHEMA: SchemaObject = {
  ...FMG_OBJECT_SCHEMA,
  maxProperties: MAX_ATTRIBUTES,
  description:
    `An FMG object (a JSON object, at most ${MAX_ATTRIBUTES} attributes), FMG attribute names as they are. ` +
    'Only its shape is checked here; FortiManager validates the content (422 when it refuses it).',
};

function IsCliPath() {
  return applyDecorators(
    ApiProperty({
      description:
        'FMG cli path of the table: lower-case words joined by `/`, sent URL-encoded in one segment ' +
        '(`firewall%2Faddress`, `firewall%2Fservice%2Fcustom`).',
      example: 'firewall/address',
      pattern: CLI_PATH_PATTERN,
      maxLength: CLI_PATH_MAX_LENGTH,
    }),
    IsString(),
    MaxLength(CLI_PATH_MAX_LENGTH),
    Matches(CLI_PATH, {
      message:
        '$property must be an FMG cli path: 1 to 6 lower-case words (a-z, 0-9, "_", "-") joined by "/" ' +
        '(sent as %2F), e.g. firewall/address',
    }),
  );
}

const IsObjectKey = () =>
  IsFmgName({
    description:
      "The object's key in its table (FMG mkey): usually its name, else e.g. the `seq-num` of a static " +
      'route; encode `/` as `%2F`.',
    example: 'net_10.0.0.0/24',
  });

const IsAdom = () => IsFmgName({ description: 'ADOM name.', example: 'root', maxLength: 64 });
const IsDevice = () => IsFmgName({ description: 'Device name (dvmdb).', example: 'FGT-HQ-CLUSTER' });
const IsVdom = () => IsFmgName({ description: 'VDOM of the device.', example: 'root' });

export class AdomTableParamsDto {
  @IsAdom()
  adom!: string;

  @IsCliPath()
  table!: string;
}

export class AdomObjectParamsDto extends AdomTableParamsDto {
  @IsObjectKey()
  name!: string;
}

export class GlobalTableParamsDto {
  @IsCliPath()
  table!: string;
}

export class GlobalObjectParamsDto extends GlobalTableParamsDto {
  @IsObjectKey()
  name!: string;
}

export class DeviceVdomTableParamsDto {
  @IsDevice()
  device!: string;

  @IsVdom()
  vdom!: string;

  @IsCliPath()
  table!: string;
}

export class DeviceVdomObjectParamsDto extends DeviceVdomTableParamsDto {
  @IsObjectKey()
  name!: string;
}

export class DeviceGlobalTableParamsDto {
  @IsDevice()
  device!: string;

  @IsCliPath()
  table!: string;
}

export class DeviceGlobalObjectParamsDto extends DeviceGlobalTableParamsDto {
  @IsObjectKey()
  name!: string;
}

/** The path parameters of the schema lists (`/adoms/{adom}/schema`, ...). */
export class AdomParamsDto {
  @IsAdom()
  adom!: string;
}

export class DeviceParamsDto {
  @IsDevice()
  device!: string;
}

export class DeviceVdomParamsDto extends DeviceParamsDto {
  @IsVdom()
  vdom!: string;
}

/** A page of FMG objects (named like the typed pages: `AdomPage`, `PolicyPage`, ...). */
export const FmgObjectPageDto = pageClass<FmgObject>(
  'FmgObjectPage',
  { type: 'array', items: FMG_OBJECT_SCHEMA },
  'table',
);
