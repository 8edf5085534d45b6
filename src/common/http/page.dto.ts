import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export interface Page<T> {
  items: T[];
  /** Matches in the whole collection (after the filter), not just this page. */
  total: number;
  offset: number;
  limit: number;
}

const cache = new Map<Type<unknown>, Type<unknown>>();

/** A named page class per item type, so the OpenAPI document shows `AdomPage` etc. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  const existing = cache.get(item);
  if (existing) return existing as Type<Page<T>>;
  class PageDto implements Page<T> {
    @ApiProperty({ type: () => [item] })
    items!: T[];
    @ApiProperty({
      description: 'Matches in the whole collection (after the filter), not just this page.',
      example: 42,
    })
    total!: number;
    @ApiProperty({ example: 0 })
    offset!: number;
    @ApiProperty({ example: 100 })
    limit!: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  cache.set(item, PageDto);
  return PageDto;
}
