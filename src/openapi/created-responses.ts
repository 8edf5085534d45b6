import type { OpenAPIObject } from '@nestjs/swagger';
import { LOCATION_HEADER } from '../common/http/created-location';

type Responses = Record<string, { description?: string; headers?: Record<string, unknown> }>;

/**
 * 201 Created always carries `Location` (issue #16), and the document says so:
 * - the Swagger plugin documents a default 201 for every POST whose `@HttpCode` it cannot read (task
 *   starters answer 202 only); such an undescribed 201 next to a 202 is dropped;
 * - every other 201 documents the `Location` header (the created member, a search or a run).
 */
export function documentCreatedLocations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { responses?: Responses }[]) {
      const responses = operation?.responses;
      if (!responses?.['201']) continue;
      if (responses['202'] && !responses['201'].description) {
        delete responses['201'];
        continue;
      }
      const headers = (responses['201'].headers ??= {});
      if (!('Location' in headers)) Object.assign(headers, LOCATION_HEADER);
    }
  }
}
