import { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

export interface Page<T> {
  items: T[];
  /** Matches in the whole collection (after the filter), not just this page. */
  total: number;
  offset: number;
  limit: number;
}

const cache = new Map<Type<unknown>, Type<unknown>>();

/**
 * A page class named `name` (its OpenAPI schema), its items documented by `items`; `whole` is what
 * `total` counts ("collection", "table").
 */
export function pageClass<T>(name: string, items: ApiPropertyOptions, whole = 'collection'): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty(items)
    items!: T[];
    @ApiProperty({
      description: `Matches in the whole ${whole} (after the filter), not just this page.`,
      example: 42,
    })
    total!: number;
    /** @example 0 */
    offset!: number;
    /** @example 100 */
    limit!: number;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}

/** A named page class per item type, so the OpenAPI document shows `AdomPage` etc. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  const existing = cache.get(item);
  if (existing) return existing as Type<Page<T>>;
  const page = pageClass<T>(`${item.name.replace(/Dto$/, '')}Page`, { type: () => [item] });
  cache.set(item, page);
  return page;
}
