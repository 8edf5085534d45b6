import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { successStatus } from '../../common/http/success-status';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { Authenticated } from '../../auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/api-problem-responses.decorator';
import { LocationFromBody } from '../../common/http/location.interceptor';
import {
  ReportDownloadQueryDto,
  ReportLayoutDto,
  ReportRunDto,
  ReportRunParamsDto,
  RunReportDto,
} from './dto/report.dto';
import { ReportsService } from './reports.service';
import { ReadOperation } from '../../resources/operations';

@ApiTags('FAZ reports')
@Controller('adoms/:adom/reports')
export class ReportsController {
  constructor(private readonly service: ReportsService) {}

  @Get('layouts')
  @ReadOperation([ReportLayoutDto], {
    summary: 'List report layouts',
    description: 'FAZ: `get /report/adom/{adom}/config/layout`.',
  })
  listReportLayouts(@Param() { adom }: AdomParamsDto): Promise<ReportLayoutDto[]> {
    return this.service.layouts(adom);
  }

  @Post('runs')
  @HttpCode(successStatus('task'))
  @UseInterceptors(LocationFromBody)
  @ApiAcceptedResponse({
    type: ReportRunDto,
    description: 'Started; follow `href` (also the Location header).',
    headers: { Location: { description: '/adoms/{adom}/reports/runs/{id}', schema: { type: 'string' } } },
  })
  @Authenticated('write')
  @ApiOperation({
    summary: 'Run a report',
    description:
      'FAZ: `add /report/adom/{adom}/run` with the layout as `schedule`. 202; follow `href` (also Location).',
  })
  @ApiProblemResponses(404)
  runReport(@Param() { adom }: AdomParamsDto, @Body() dto: RunReportDto): Promise<ReportRunDto> {
    return this.service.run(adom, dto);
  }

  @Get('runs/:id')
  @ReadOperation(ReportRunDto, {
    summary: 'Status of a report run',
    description: 'FAZ: `get /report/adom/{adom}/run/{tid}`.',
  })
  getReportRun(@Param() { adom, id }: ReportRunParamsDto): Promise<ReportRunDto> {
    return this.service.status(adom, id);
  }

  @Get('runs/:id/download')
  @Authenticated('read')
  @ApiProduces('application/pdf', 'text/html')
  @ApiOperation({
    summary: 'Download a generated report (PDF or HTML)',
    description:
      'FAZ: `get /report/adom/{adom}/reports/data/{tid}` (base64), sent as bytes. 409 until generated.',
  })
  @ApiOkResponse({
    description: 'The report file.',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(404, 409)
  downloadReport(
    @Param() { adom, id }: ReportRunParamsDto,
    @Query() q: ReportDownloadQueryDto,
  ): Promise<StreamableFile> {
    return this.service.download(adom, id, q.format ?? 'pdf');
  }
}
