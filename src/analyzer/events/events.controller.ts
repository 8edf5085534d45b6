import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { Authenticated, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { ApiProblemResponses } from '../../common/errors/api-problem-responses.decorator';
import { Page, PageOf } from '../../common/http/page.dto';
import {
  AlertDto,
  AlertListQueryDto,
  AlertParamsDto,
  IncidentDto,
  IncidentListQueryDto,
  IncidentParamsDto,
  UpdateAlertDto,
  UpdateIncidentDto,
} from './dto/events.dto';
import { EventsService } from './events.service';

@ApiTags('FAZ alerts and incidents')
@Controller('adoms/:adom')
export class EventsController {
  constructor(private readonly service: EventsService) {}

  @Get('alerts')
  @Authenticated('read')
  @ApiOperation({
    summary: 'List event management alerts',
    description: 'FAZ: `get /eventmgmt/adom/{adom}/alerts` and `.../alerts/count`. Newest first.',
  })
  @ApiOkResponse({ type: PageOf(AlertDto) })
  @ApiProblemResponses(404)
  listAlerts(@Param() { adom }: AdomParamsDto, @Query() q: AlertListQueryDto): Promise<Page<AlertDto>> {
    return this.service.listAlerts(adom, q);
  }

  @Get('alerts/:id')
  @Authenticated('read')
  @ApiOperation({
    summary: 'Get an alert',
    description: 'FAZ: `get /eventmgmt/adom/{adom}/alerts` with `alertid==…`.',
  })
  @ApiOkResponse({ type: AlertDto })
  @ApiProblemResponses(404)
  getAlert(@Param() { adom, id }: AlertParamsDto): Promise<AlertDto> {
    return this.service.getAlert(adom, id);
  }

  @Patch('alerts/:id')
  @Authenticated('write')
  @ApiOperation({
    summary: 'Acknowledge or un-acknowledge an alert',
    description:
      'FAZ: `update /eventmgmt/adom/{adom}/alerts/ack` (or `/unack`) with `update-by` = the token subject.',
  })
  @ApiOkResponse({ type: AlertDto })
  @ApiProblemResponses(404)
  updateAlert(
    @Param() { adom, id }: AlertParamsDto,
    @Body() dto: UpdateAlertDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<AlertDto> {
    return this.service.updateAlert(adom, id, dto.acknowledged, who.subject);
  }

  @Get('incidents')
  @Authenticated('read')
  @ApiOperation({
    summary: 'List incidents',
    description: 'FAZ: `get /incidentmgmt/adom/{adom}/incidents` and `.../incidents/count`.',
  })
  @ApiOkResponse({ type: PageOf(IncidentDto) })
  @ApiProblemResponses(404)
  listIncidents(
    @Param() { adom }: AdomParamsDto,
    @Query() q: IncidentListQueryDto,
  ): Promise<Page<IncidentDto>> {
    return this.service.listIncidents(adom, q);
  }

  @Get('incidents/:id')
  @Authenticated('read')
  @ApiOperation({
    summary: 'Get an incident',
    description: 'FAZ: `get /incidentmgmt/adom/{adom}/incidents` with `incids`.',
  })
  @ApiOkResponse({ type: IncidentDto })
  @ApiProblemResponses(404)
  getIncident(@Param() { adom, id }: IncidentParamsDto): Promise<IncidentDto> {
    return this.service.getIncident(adom, id);
  }

  @Patch('incidents/:id')
  @Authenticated('write')
  @ApiOperation({
    summary: 'Update an incident (status, severity, category, description, assignee)',
    description: 'FAZ: `update /incidentmgmt/adom/{adom}/incident/{incid}`.',
  })
  @ApiOkResponse({ type: IncidentDto })
  @ApiProblemResponses(404, 422)
  updateIncident(
    @Param() { adom, id }: IncidentParamsDto,
    @Body() dto: UpdateIncidentDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<IncidentDto> {
    return this.service.updateIncident(adom, id, dto, who.subject);
  }
}
