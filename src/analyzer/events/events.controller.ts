import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { Page } from '../../common/http/page.dto';
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
import { ListOperation, ReadOperation, UpdateOperation } from '../../resources/operations';

@ApiTags('FAZ alerts and incidents')
@Controller('adoms/:adom')
export class EventsController {
  constructor(private readonly service: EventsService) {}

  @Get('alerts')
  @ListOperation(AlertDto, {
    summary: 'List event management alerts',
    description: 'FAZ: `get /eventmgmt/adom/{adom}/alerts` and `.../alerts/count`. Newest first.',
  })
  listAlerts(@Param() { adom }: AdomParamsDto, @Query() q: AlertListQueryDto): Promise<Page<AlertDto>> {
    return this.service.listAlerts(adom, q);
  }

  @Get('alerts/:id')
  @ReadOperation(AlertDto, {
    summary: 'Get an alert',
    description: 'FAZ: `get /eventmgmt/adom/{adom}/alerts` with `alertid==…`.',
  })
  getAlert(@Param() { adom, id }: AlertParamsDto): Promise<AlertDto> {
    return this.service.getAlert(adom, id);
  }

  @Patch('alerts/:id')
  @UpdateOperation(AlertDto, {
    summary: 'Acknowledge or un-acknowledge an alert',
    description:
      'FAZ: `update /eventmgmt/adom/{adom}/alerts/ack` (or `/unack`) with `update-by` = the token subject.',
    problems: [404],
  })
  updateAlert(
    @Param() { adom, id }: AlertParamsDto,
    @Body() dto: UpdateAlertDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<AlertDto> {
    return this.service.updateAlert(adom, id, dto.acknowledged, who.subject);
  }

  @Get('incidents')
  @ListOperation(IncidentDto, {
    summary: 'List incidents',
    description: 'FAZ: `get /incidentmgmt/adom/{adom}/incidents` and `.../incidents/count`.',
  })
  listIncidents(
    @Param() { adom }: AdomParamsDto,
    @Query() q: IncidentListQueryDto,
  ): Promise<Page<IncidentDto>> {
    return this.service.listIncidents(adom, q);
  }

  @Get('incidents/:id')
  @ReadOperation(IncidentDto, {
    summary: 'Get an incident',
    description: 'FAZ: `get /incidentmgmt/adom/{adom}/incidents` with `incids`.',
  })
  getIncident(@Param() { adom, id }: IncidentParamsDto): Promise<IncidentDto> {
    return this.service.getIncident(adom, id);
  }

  @Patch('incidents/:id')
  @UpdateOperation(IncidentDto, {
    summary: 'Update an incident (status, severity, category, description, assignee)',
    description: 'FAZ: `update /incidentmgmt/adom/{adom}/incident/{incid}`.',
  })
  updateIncident(
    @Param() { adom, id }: IncidentParamsDto,
    @Body() dto: UpdateIncidentDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<IncidentDto> {
    return this.service.updateIncident(adom, id, dto, who.subject);
  }
}
