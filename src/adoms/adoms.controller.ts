import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { Page, PageOf } from '../common/http/page.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { AdomsService } from './adoms.service';
import { AdomDto, AdomParamsDto } from './dto/adom.dto';

@ApiTags('ADOMs')
@Controller('adoms')
export class AdomsController {
  constructor(private readonly service: AdomsService) {}

  @Get()
  @Authenticated('read')
  @ApiOperation({ summary: 'List ADOMs', description: 'FMG: `get /dvmdb/adom`.' })
  @ApiOkResponse({ type: PageOf(AdomDto) })
  @ApiProblemResponses()
  listAdoms(@Query() query: ListQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<AdomDto>> {
    return this.service.listAdoms(query, principal);
  }

  @Get(':adom')
  @Authenticated('read')
  @ApiOperation({ summary: 'Get an ADOM', description: 'FMG: `get /dvmdb/adom/{adom}`.' })
  @ApiOkResponse({ type: AdomDto })
  @ApiProblemResponses(404)
  getAdom(@Param() { adom }: AdomParamsDto, @Query() query: ReadQueryDto): Promise<AdomDto> {
    return this.service.getAdom(adom, query);
  }
}
