import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { successStatus } from '../common/http/success-status';
import { NoContentOperation, UpdateOperation } from '../resources/operations';
import {
  AssignFirmwareTemplateDto,
  FirmwareTemplateDto,
  FirmwareTemplateMemberParamsDto,
  FirmwareTemplateParamsDto,
  TemplateMemberQueryDto,
} from './dto/firmware-template.dto';
import { FirmwareTemplatesService } from './firmware-templates.service';

/** Hand-written: a template is assigned to devices and groups through FMG's `scope member` sub-url (CRUD: FIRMWARE_TEMPLATES). */
@ApiTags('Firmware')
@Controller('adoms/:adom/firmware-templates')
export class FirmwareTemplatesController {
  constructor(private readonly service: FirmwareTemplatesService) {}

  @Post(':name/members')
  @HttpCode(successStatus('action'))
  @UpdateOperation(FirmwareTemplateDto, {
    summary: 'Assign a firmware template to devices and device groups',
    description:
      'FMG: `add /pm/fwmprof/adom/{adom}/{name}/scope member`. Members already assigned are kept once.',
  })
  assignFirmwareTemplate(
    @Param() { adom, name }: FirmwareTemplateParamsDto,
    @Body() dto: AssignFirmwareTemplateDto,
  ): Promise<FirmwareTemplateDto> {
    return this.service.assign(adom, name, dto);
  }

  @Delete(':name/members/:member')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({
    summary: 'Unassign a device (`?vdom=`, default root) or a device group (`?group=true`)',
    answer: 'Unassigned (also when it was not assigned).',
    problems: [404],
  })
  unassignFirmwareTemplate(
    @Param() { adom, name, member }: FirmwareTemplateMemberParamsDto,
    @Query() { vdom, group }: TemplateMemberQueryDto,
  ): Promise<void> {
    return this.service.unassign(adom, name, member, group === 'true', vdom);
  }
}
