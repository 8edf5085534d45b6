import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

/** Like @IsOptional(), but `null` is rejected: absent means "leave as is", null is not a value here. */
export function Optional(options?: ValidationOptions & { nullable?: boolean }) {
  if (options?.nullable) return IsOptional(options);
  return ValidateIf((_object, value) => value !== undefined, options);
}

const NAME_PATTERN = /^[^\u0000-\u001f\u007f]+$/;

/**
 * An FMG object name as it appears in a path or body: 1–255 characters, no control characters.
 * Slashes, spaces, quotes and unicode are allowed: they are escaped when the FMG url is built.
 */
export interface FmgNameOptions {
  description?: string;
  example?: string;
  maxLength?: number;
  optional?: boolean;
}

export function IsFmgName(options: FmgNameOptions = {}) {
  const max = options.maxLength ?? 255;
  const doc = { description: options.description, example: options.example, minLength: 1, maxLength: max };
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsString(),
    Length(1, max),
    Matches(NAME_PATTERN, { message: '$property must not contain control characters' }),
  );
}

/**
 * Path parameters: those of `Base` and one more FMG name, `key` (a member of what `Base` addresses:
 * `ScriptParamsDto` = `AdomParamsDto` + `name`), validated and documented like {@link IsFmgName}.
 */
export function WithName<B extends object, K extends string>(
  Base: Type<B>,
  key: K,
  options: FmgNameOptions,
): Type<B & Record<K, string>> {
  class NamedParams extends (Base as Type<object>) {}
  Reflect.defineMetadata('design:type', String, NamedParams.prototype, key);
  IsFmgName(options)(NamedParams.prototype, key);
  return NamedParams as Type<B & Record<K, string>>;
}

/**
 * A list of FMG names (devices, device groups, templates, objects): 1 to `length` (64) characters
 * each, at most `max` (100) of them; optional unless `required`. `doc` describes it.
 */
export function NameList(
  doc: { description?: string; example?: string[] },
  { max = 100, required = false, length = 64 }: { max?: number; required?: boolean; length?: number } = {},
) {
  const schema: ApiPropertyOptions = {
    ...(required ? { minItems: 1 } : {}),
    maxItems: max,
    ...doc,
    type: [String],
    // Of each name: Swagger puts them in `items`.
    maxLength: length,
    minLength: 1,
  };
  return applyDecorators(
    ...(required ? [ApiProperty(schema)] : [ApiPropertyOptional(schema), Optional()]),
    IsArray(),
    ...(required ? [ArrayMinSize(1)] : []),
    ArrayMaxSize(max),
    IsString({ each: true }),
    Length(1, length, { each: true }),
  );
}

/** The free-text comment most FMG objects carry (optional, up to 255 characters). */
export function ObjectComment(example?: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: 255, example }),
    Optional(),
    IsString(),
    MaxLength(255),
  );
}

/** The GUI colour index most FMG objects carry (0–32, optional). */
export function ObjectColor(example?: number) {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 0, maximum: 32, example }),
    Optional(),
    IsInt(),
    Min(0),
    Max(32),
  );
}
