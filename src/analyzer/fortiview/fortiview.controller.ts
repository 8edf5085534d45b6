import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StartRunOperation } from '../status-from-body.interceptor';
import { FortiViewRunDto, RunFortiViewDto, RunParamsDto, ViewParamsDto } from './dto/fortiview.dto';
import { FortiViewService } from './fortiview.service';
import { ReadOperation } from '../../resources/operations';

@ApiTags('FAZ FortiView')
@Controller('adoms/:adom/fortiview/:view/runs')
export class FortiViewController {
  constructor(private readonly service: FortiViewService) {}

  @Post()
  @StartRunOperation(FortiViewRunDto, {
    summary: 'Run a FortiView top-N view',
    description:
      'FAZ: `add /fortiview/adom/{adom}/{view}/run`, then polls `get .../run/{tid}` up to `deadlineSeconds`. 201 with the rows, or 202 with the run to poll; both carry `Location` (= `href`). A finished run stays readable at `href` for 10 minutes.',
    finished: 'Finished, rows included.',
    running: 'Still running; poll `href`.',
  })
  runFortiView(
    @Param() { adom, view }: ViewParamsDto,
    @Body() dto: RunFortiViewDto,
  ): Promise<FortiViewRunDto> {
    return this.service.run(adom, view, dto);
  }

  @Get(':id')
  @ReadOperation(FortiViewRunDto, {
    summary: 'Progress or result of a FortiView run',
    description:
      'FAZ: `get /fortiview/adom/{adom}/{view}/run/{tid}`. A finished result is kept by the gateway and readable here for 10 minutes, then 404.',
  })
  getFortiViewRun(@Param() { adom, view, id }: RunParamsDto): Promise<FortiViewRunDto> {
    return this.service.get(adom, view, id);
  }
}
