import { Injectable } from '@nestjs/common';
import { fmgUrl } from '../fortimanager/fmg-url';
import { TranslatorService } from '../translator/translator.service';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { Page } from '../common/http/page.dto';
import { ADOM_RESOURCE } from './adom.resource';
import { AdomDto } from './dto/adom.dto';

@Injectable()
export class AdomsService {
  constructor(private readonly translator: TranslatorService) {}

  listAdoms(query: ListQueryDto): Promise<Page<AdomDto>> {
    return this.translator.list(ADOM_RESOURCE, fmgUrl`/dvmdb/adom`, query);
  }

  getAdom(adom: string, query: ReadQueryDto): Promise<AdomDto> {
    return this.translator.read(ADOM_RESOURCE, fmgUrl`/dvmdb/adom/${adom}`, query.fields);
  }
}
