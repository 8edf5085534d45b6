import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
export function IsFmgName(
  options: { description?: string; example?: string; maxLength?: number; optional?: boolean } = {},
) {
  const max = options.maxLength ?? 255;
  const doc = { description: options.description, example: options.example, minLength: 1, maxLength: max };
  return applyDecorators(
    ...(options.optional ? [Optional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsString(),
    Length(1, max),
    Matches(NAME_PATTERN, { message: '$property must not contain control characters' }),
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
