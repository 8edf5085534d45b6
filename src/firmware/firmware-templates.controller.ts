import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page } from '../common/http/page.dto';
import { successStatus } from '../common/http/success-status';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  AssignFirmwareTemplateDto,
  CreateFirmwareTemplateDto,
  FirmwareTemplateDto,
  FirmwareTemplateMemberParamsDto,
  FirmwareTemplateParamsDto,
  TemplateMemberQueryDto,
  UpdateFirmwareTemplateDto,
} from './dto/firmware-template.dto';
import { FirmwareAdomParamsDto } from './dto/firmware.dto';
import { FirmwareTemplatesService } from './firmware-templates.service';

/**
 * Hand-written: besides CRUD a template is assigned to devices and groups through its own member
 * sub-resource, as device groups are. Each operation uses the house decorators (resources/operations.ts).
 */
@ApiTags('Firmware')
@Controller('adoms/:adom/firmware-templates')
export class FirmwareTemplatesController {
  constructor(private readonly service: FirmwareTemplatesService) {}

  @Get()
  @ListOperation(FirmwareTemplateDto, {
    summary: 'List firmware templates',
    description: 'FMG 7.2+: `get /pm/fwmprof/adom/{adom}`.',
  })
  listFirmwareTemplates(
    @Param() { adom }: FirmwareAdomParamsDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<FirmwareTemplateDto>> {
    return this.service.list(adom, query);
  }

  @Get(':name')
  @ReadOperation(FirmwareTemplateDto, { summary: 'Get a firmware template with its assignments' })
  getFirmwareTemplate(
    @Param() { adom, name }: FirmwareTemplateParamsDto,
    @Query() query: ReadQueryDto,
  ): Promise<FirmwareTemplateDto> {
    return this.service.get(adom, name, query);
  }

  @Post()
  @CreateOperation(FirmwareTemplateDto, {
    summary: 'Create a firmware template',
    description: 'FMG: `add /pm/fwmprof/adom/{adom}`.',
  })
  createFirmwareTemplate(
    @Param() { adom }: FirmwareAdomParamsDto,
    @Body() dto: CreateFirmwareTemplateDto,
  ): Promise<FirmwareTemplateDto> {
    return this.service.create(adom, dto);
  }

  @Patch(':name')
  @UpdateOperation(FirmwareTemplateDto, { summary: 'Update a firmware template (description, versions)' })
  updateFirmwareTemplate(
    @Param() { adom, name }: FirmwareTemplateParamsDto,
    @Body() dto: UpdateFirmwareTemplateDto,
  ): Promise<FirmwareTemplateDto> {
    return this.service.update(adom, name, dto);
  }

  @Delete(':name')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({ summary: 'Delete a firmware template' })
  deleteFirmwareTemplate(@Param() { adom, name }: FirmwareTemplateParamsDto): Promise<void> {
    return this.service.delete(adom, name);
  }

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
