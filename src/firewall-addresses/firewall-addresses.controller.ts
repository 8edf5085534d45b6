import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { Page, PageOf } from '../common/http/page.dto';
import { successStatus } from '../fortimanager/fmg-status.mapper';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  CreateFirewallAddressDto,
  FirewallAddressDto,
  FirewallAddressParamsDto,
  ReplaceFirewallAddressDto,
  UpdateFirewallAddressDto,
} from './dto/firewall-address.dto';
import { FirewallAddressesService } from './firewall-addresses.service';

@ApiTags('Firewall addresses')
@Controller('adoms/:adom/firewall/addresses')
export class FirewallAddressesController {
  constructor(private readonly service: FirewallAddressesService) {}

  @Get()
  @Authenticated('read')
  @ApiOperation({
    summary: 'List firewall addresses',
    description: 'FMG: `get /pm/config/adom/{adom}/obj/firewall/address`.',
  })
  @ApiOkResponse({ type: PageOf(FirewallAddressDto) })
  @ApiProblemResponses(404)
  listFirewallAddresses(
    @Param() { adom }: AdomParamsDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<FirewallAddressDto>> {
    return this.service.listFirewallAddresses(adom, query);
  }

  @Get(':name')
  @Authenticated('read')
  @ApiOperation({ summary: 'Get a firewall address' })
  @ApiOkResponse({ type: FirewallAddressDto })
  @ApiProblemResponses(404)
  getFirewallAddress(
    @Param() { adom, name }: FirewallAddressParamsDto,
    @Query() query: ReadQueryDto,
  ): Promise<FirewallAddressDto> {
    return this.service.getFirewallAddress(adom, name, query);
  }

  @Post()
  @HttpCode(successStatus('create'))
  @Authenticated('write')
  @ApiOperation({ summary: 'Create a firewall address', description: 'FMG: `add`.' })
  @ApiCreatedResponse({ type: FirewallAddressDto })
  @ApiProblemResponses(404, 409, 422, 423)
  createFirewallAddress(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: CreateFirewallAddressDto,
  ): Promise<FirewallAddressDto> {
    return this.service.createFirewallAddress(adom, dto);
  }

  @Put(':name')
  @HttpCode(successStatus('replace'))
  @Authenticated('write')
  @ApiIfMatch()
  @ApiOperation({ summary: 'Create or replace a firewall address', description: 'FMG: `set`.' })
  @ApiOkResponse({ type: FirewallAddressDto })
  @ApiProblemResponses(404, 409, 422, 423)
  replaceFirewallAddress(
    @Param() { adom, name }: FirewallAddressParamsDto,
    @Body() dto: ReplaceFirewallAddressDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<FirewallAddressDto> {
    return this.service.replaceFirewallAddress(adom, name, dto, ifMatch);
  }

  @Patch(':name')
  @HttpCode(successStatus('update'))
  @Authenticated('write')
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update a firewall address', description: 'FMG: `update`.' })
  @ApiOkResponse({ type: FirewallAddressDto })
  @ApiProblemResponses(404, 409, 422, 423)
  updateFirewallAddress(
    @Param() { adom, name }: FirewallAddressParamsDto,
    @Body() dto: UpdateFirewallAddressDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<FirewallAddressDto> {
    return this.service.updateFirewallAddress(adom, name, dto, ifMatch);
  }

  @Delete(':name')
  @HttpCode(successStatus('delete'))
  @Authenticated('write')
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Delete a firewall address',
    description: 'FMG: `delete`. 409 while a policy or group uses it.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404, 409, 423)
  deleteFirewallAddress(
    @Param() { adom, name }: FirewallAddressParamsDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<void> {
    return this.service.deleteFirewallAddress(adom, name, ifMatch);
  }
}
