import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { ScopeMemberDto } from './package.dto';
import { Optional } from '../../common/validation/decorators';

/** A list of install/run targets (`[{name, vdom}]`), optional unless `required`. */
export function ScopeList(options: { description: string; required?: boolean }) {
  return applyDecorators(
    ApiPropertyOptional({
      type: [ScopeMemberDto],
      description: options.description,
      required: options.required,
    }),
    ...(options.required ? [ArrayMinSize(1)] : [Optional()]),
    IsArray(),
    ArrayMaxSize(1000),
    ValidateNested({ each: true }),
    Type(() => ScopeMemberDto),
  );
}
