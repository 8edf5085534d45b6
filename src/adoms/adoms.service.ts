import { Injectable } from '@nestjs/common';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { TranslatorService } from '../translator/translator.service';
import { adomAllowed, adomFilter, Principal } from '../auth/principal';
import { DEFAULT_LIMIT, ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { Page } from '../common/http/page.dto';
import { ADOM_RESOURCE } from './adom.resource';
import { AdomDto } from './dto/adom.dto';

@Injectable()
export class AdomsService {
  constructor(private readonly translator: TranslatorService) {}

  /** Only the ADOMs the caller may see: filtered upstream (so `total` is right), and checked again here. */
  async listAdoms(query: ListQueryDto, principal: Principal): Promise<Page<AdomDto>> {
    if (principal.adoms.length === 0) {
      return { items: [], total: 0, offset: query.offset ?? 0, limit: query.limit ?? DEFAULT_LIMIT };
    }
    const page = await this.translator.list(ADOM_RESOURCE, fmgUrl`/dvmdb/adom`, query, {
      scopeFilter: adomFilter(principal),
    });
    const items = page.items.filter((a) => adomAllowed(principal, a.name));
    return { ...page, items, total: page.total - (page.items.length - items.length) };
  }

  getAdom(adom: string, query: ReadQueryDto): Promise<AdomDto> {
    return this.translator.read(ADOM_RESOURCE, fmgUrl`/dvmdb/adom/${adom}`, query.fields);
  }
}
