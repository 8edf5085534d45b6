import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from './decorators';
import { DecimalInt } from './numbers';

/** Deeper than any upstream table or log search goes: a bound, so an offset is never a huge number. */
export const MAX_OFFSET = 10_000_000;

/** A query parameter arrives as text (read as decimal digits); a body field is a JSON number already. */
type From = 'query' | 'body';

function optionalInt(min: number, max: number, doc: ApiPropertyOptions, from: From) {
  return applyDecorators(
    ApiPropertyOptional(doc),
    Optional(),
    ...(from === 'query' ? [DecimalInt()] : []),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** Paging `offset`: rows to skip, 0 by default. `doc` adds to (or overrides) what the document says. */
export function PageOffset(doc: ApiPropertyOptions = {}, from: From = 'query') {
  return optionalInt(0, MAX_OFFSET, { minimum: 0, maximum: MAX_OFFSET, default: 0, ...doc }, from);
}

/** Paging `limit`: rows per page, 1 to `max`, 100 by default. */
export function PageLimit(max: number, doc: ApiPropertyOptions = {}, from: From = 'query') {
  return optionalInt(1, max, { minimum: 1, maximum: max, default: 100, ...doc }, from);
}
