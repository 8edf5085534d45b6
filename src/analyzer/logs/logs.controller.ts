import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { StreamableFile } from '@nestjs/common';
import { successStatus } from '../../common/http/success-status';
import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { Authenticated, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { ApiProblemResponses } from '../../common/errors/api-problem-responses.decorator';
import { StartRunOperation, StatusFromBody } from '../status-from-body.interceptor';
import {
  CreateLogSearchDto,
  LogExportQueryDto,
  LogFieldDto,
  LogFileDto,
  LogFilesQueryDto,
  LogPageDto,
  LogPageQueryDto,
  LogQueryDto,
  LogSearchDto,
  LogStatsDto,
  LogStatsQueryDto,
  LogTypeParamsDto,
  SearchParamsDto,
} from './dto/logs.dto';
import { LogSearchService } from './log-search.service';
import { LogsService } from './logs.service';
import { ReadOperation } from '../../resources/operations';

@ApiTags('Logs')
@Controller('adoms/:adom/logs')
export class LogsController {
  constructor(
    private readonly searches: LogSearchService,
    private readonly logs: LogsService,
  ) {}

  @Post('searches')
  @StartRunOperation(LogSearchDto, {
    summary: 'Start a log search',
    description:
      'FAZ: `add /logview/adom/{adom}/logsearch`. 201 when the search finished at once, else 202; both carry the search and `Location`.',
    finished: 'Finished already.',
    running: 'Running; poll `href`.',
  })
  createLogSearch(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: CreateLogSearchDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<LogSearchDto> {
    return this.searches.create(adom, dto, who.subject);
  }

  @Get('searches/:id')
  @ReadOperation(LogPageDto, {
    summary: 'Read a page of a log search',
    description:
      'FAZ: `get /logview/adom/{adom}/logsearch/{tid}` with `offset`/`limit`, several times when the page is larger than an upstream fetch. While running: `status: running`, no rows. Reading the last page releases the upstream search; a later read issues the kept search again (same time window), so the id stays valid until unread for 10 minutes (410 only for a search kept by an older gateway version, which has no definition to issue again).',
    problems: [404, 410],
  })
  getLogSearchPage(
    @Param() { adom, id }: SearchParamsDto,
    @Query() q: LogPageQueryDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<LogPageDto> {
    return this.searches.page(adom, id, who.subject, q.offset, q.limit);
  }

  @Delete('searches/:id')
  @HttpCode(successStatus('delete'))
  @Authenticated('read')
  @ApiOperation({
    summary: 'Cancel or release a log search',
    description: 'FAZ: `delete /logview/adom/{adom}/logsearch/{tid}`.',
  })
  @ApiNoContentResponse({ description: 'Released.' })
  @ApiProblemResponses(404)
  deleteLogSearch(@Param() { adom, id }: SearchParamsDto, @CurrentPrincipal() who: Principal): Promise<void> {
    return this.searches.remove(adom, id, who.subject);
  }

  @Get('searches/:id/export')
  @Authenticated('read')
  @ApiHeader({ name: 'Accept', required: false, description: '`text/csv` for CSV; NDJSON otherwise.' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOperation({
    summary: 'Stream every row of a log search (NDJSON or CSV)',
    description:
      'Waits for the search to finish, then streams all rows page by page (upstream fetches of at most 500 rows), and releases the search.',
  })
  @ApiOkResponse({
    description: 'One JSON object per line, or CSV with a header row.',
    content: {
      'application/x-ndjson': {
        schema: { type: 'string', example: '{"itime":1736150000,"srcip":"10.40.0.17"}\n' },
      },
      'text/csv': { schema: { type: 'string', example: 'itime,srcip\r\n1736150000,10.40.0.17\r\n' } },
    },
  })
  @ApiProblemResponses(404, 409)
  exportLogSearch(
    @Param() { adom, id }: SearchParamsDto,
    @Query() q: LogExportQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() who: Principal,
  ): Promise<StreamableFile> {
    return this.logs.export(adom, id, who.subject, q, accept);
  }

  @Post('query')
  @UseInterceptors(new StatusFromBody(200))
  @Authenticated('read')
  @ApiExtraModels(LogSearchDto)
  @ApiOperation({
    summary: 'Search logs in one call',
    description:
      'Starts a search, waits up to `deadlineSeconds`, answers one page and releases the search. A search that takes longer is answered 202 with the search to poll.',
  })
  @ApiOkResponse({ type: LogPageDto })
  @ApiAcceptedResponse({
    schema: { $ref: getSchemaPath(LogSearchDto) },
    description: 'Still running; poll `href`.',
  })
  @ApiProblemResponses(404)
  queryLogs(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: LogQueryDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<LogPageDto | LogSearchDto> {
    return this.searches.query(adom, dto, who.subject);
  }

  @Get('fields/:logType')
  @ReadOperation([LogFieldDto], {
    summary: 'Fields of a log type',
    description: 'FAZ: `get /logview/adom/{adom}/logfields`.',
  })
  getLogFields(@Param() { adom, logType }: LogTypeParamsDto): Promise<LogFieldDto[]> {
    return this.logs.fields(adom, logType);
  }

  @Get('stats')
  @ReadOperation([LogStatsDto], {
    summary: 'Log counts per device',
    description: 'FAZ: `get /logview/adom/{adom}/logstats`.',
  })
  getLogStats(@Param() { adom }: AdomParamsDto, @Query() q: LogStatsQueryDto): Promise<LogStatsDto[]> {
    return this.logs.stats(adom, q.device);
  }

  @Get('files')
  @ReadOperation([LogFileDto], {
    summary: 'Log files of a device',
    description: 'FAZ: `get /logview/adom/{adom}/logfiles/state`.',
  })
  listLogFiles(@Param() { adom }: AdomParamsDto, @Query() q: LogFilesQueryDto): Promise<LogFileDto[]> {
    return this.logs.files(adom, q);
  }
}
