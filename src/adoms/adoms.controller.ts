import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Page } from '../common/http/page.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { AdomsService } from './adoms.service';
import { AdomDto, AdomParamsDto } from './dto/adom.dto';
import { ListOperation, ReadOperation } from '../resources/operations';

@ApiTags('ADOMs')
@Controller('adoms')
export class AdomsController {
  constructor(private readonly service: AdomsService) {}

  @Get()
  @ListOperation(AdomDto, { summary: 'List ADOMs', description: 'FMG: `get /dvmdb/adom`.', problems: [] })
  listAdoms(@Query() query: ListQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<AdomDto>> {
    return this.service.listAdoms(query, principal);
  }

  @Get(':adom')
  @ReadOperation(AdomDto, { summary: 'Get an ADOM', description: 'FMG: `get /dvmdb/adom/{adom}`.' })
  getAdom(@Param() { adom }: AdomParamsDto, @Query() query: ReadQueryDto): Promise<AdomDto> {
    return this.service.getAdom(adom, query);
  }
}
