import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { successStatus } from '../common/http/success-status';
import { BatchOperation, ReadOperation } from '../resources/operations';
import {
  DeviceHaDto,
  DeviceMonitorParamsDto,
  FanOutResultDto,
  GroupMonitorParamsDto,
  LiveConfigMemberParamsDto,
  LiveConfigParamsDto,
  MonitorQueryDto,
  MonitorQueryRequestDto,
  ProxyQueryDto,
  WriteResultDto,
} from './dto/fortigate.dto';
import { DeviceParamsDto } from '../devices/dto/device.dto';
import { FortiGatesService } from './fortigates.service';

/** FortiOS answers are passed through as they are: any JSON. */
const FORTIOS_RESULTS = {
  schema: {
    description: "FortiOS's `results` as the device answered them.",
    oneOf: [
      { type: 'object' as const, additionalProperties: true },
      { type: 'array' as const, items: {} },
    ],
    example: {
      hostname: 'FGT-HQ-CLUSTER',
      model_name: 'FortiGate',
      model_number: '600F',
      log_disk_status: 'available',
    },
  },
};

const FMG_PROXY = 'FMG: `exec /sys/proxy/json` with a resource the gateway builds';
/** A proxied device: unknown (404), unreachable (502), busy (503 + Retry-After), silent (504). */
const DEVICE_PROBLEMS = [400, 404, 502, 503, 504];
/** A fan-out answers 207 even when devices fail; the call itself fails for a bad request, an unknown group, or FMG. */
const FAN_OUT_PROBLEMS = [400, 404, 502];

/** A write body for FortiOS: its own attribute names, passed through. */
const FORTIOS_BODY = {
  schema: {
    type: 'object' as const,
    additionalProperties: true,
    example: { name: 'lab-net', subnet: '10.99.0.0 255.255.0.0' },
  },
};

function ProxyWrite(summary: string, description: string) {
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    Authenticated('admin')(target, key, descriptor);
    ApiOperation({
      summary,
      description: `${description} Only paths in \`PROXY_WRITES\`; audited with the device and path.`,
    })(target, key, descriptor);
    ApiResponse({ status: 200, type: WriteResultDto, description: 'Written on the device.' })(
      target,
      key,
      descriptor,
    );
    ApiProblemResponses(404, 409, 422, 502, 503, 504)(target, key, descriptor);
  };
}

/**
 * Hand-written: these routes do not address an FMG table but FortiOS on a managed device through FMG's
 * proxy, with fan-out answers (207) and admin-only writes; the reads use the house decorators.
 */
@ApiTags('Managed FortiGates')
@Controller('adoms/:adom')
export class FortiGatesController {
  constructor(private readonly service: FortiGatesService) {}

  @Get('devices/:device/monitor/:path')
  @ReadOperation(FORTIOS_RESULTS, {
    summary: 'Live monitor data of a managed FortiGate',
    description: `${FMG_PROXY}: \`get /api/v2/monitor/{path}?vdom=…\`. \`{path}\` e.g. \`system%2Fstatus\`, \`system%2Finterface\`, \`system%2Fresource%2Fusage\`, \`router%2Fipv4\`, \`vpn%2Fipsec\`, \`system%2Fha-peer\`, \`firewall%2Fpolicy\` (hit counts), \`license%2Fstatus\`.`,
    problems: DEVICE_PROBLEMS,
  })
  monitorDevice(
    @Param() { adom, device, path }: DeviceMonitorParamsDto,
    @Query() query: MonitorQueryDto,
  ): Promise<unknown> {
    return this.service.monitor(adom, device, path, query);
  }

  @Get('device-groups/:group/monitor/:path')
  @HttpCode(successStatus('batch'))
  @BatchOperation(
    FanOutResultDto,
    {
      summary: 'The same monitor call to every device of a group',
      description: `${FMG_PROXY}, one call per member. 207: each device has its own status, body or problem; one offline device never fails the whole call.`,
      answer: 'Per-device outcomes.',
      problems: FAN_OUT_PROBLEMS,
    },
    'read',
  )
  monitorGroup(
    @Param() { adom, group, path }: GroupMonitorParamsDto,
    @Query() query: MonitorQueryDto,
  ): Promise<FanOutResultDto> {
    return this.service.monitorGroup(adom, group, path, query);
  }

  @Post('monitor-queries')
  @HttpCode(successStatus('batch'))
  @BatchOperation(
    FanOutResultDto,
    {
      summary: 'The same monitor call to listed devices',
      description: `${FMG_PROXY}, one call per device. 207: each device has its own status, body or problem (404 for a device not in the ADOM).`,
      answer: 'Per-device outcomes.',
      problems: FAN_OUT_PROBLEMS,
    },
    'read',
  )
  monitorDevices(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: MonitorQueryRequestDto,
  ): Promise<FanOutResultDto> {
    return this.service.monitorDevices(adom, dto.devices, dto.path, dto.query);
  }

  @Get('devices/:device/live-config/:path')
  @ReadOperation(FORTIOS_RESULTS, {
    summary: "A table or setting of a FortiGate's running configuration",
    description: `${FMG_PROXY}: \`get /api/v2/cmdb/{path}?vdom=…\`. The device's running config, not FMG's device DB (\`/devices/{device}/…/config\`). Credential tables are refused.`,
    problems: [...DEVICE_PROBLEMS, 403],
  })
  readLiveTable(
    @Param() { adom, device, path }: LiveConfigParamsDto,
    @Query() query: ProxyQueryDto,
  ): Promise<unknown> {
    return this.service.readLiveConfig(adom, device, path, query);
  }

  @Get('devices/:device/live-config/:path/:name')
  @ReadOperation(FORTIOS_RESULTS, {
    summary: "One entry of a FortiGate's running configuration",
    description: `${FMG_PROXY}: \`get /api/v2/cmdb/{path}/{name}?vdom=…\`.`,
    problems: [...DEVICE_PROBLEMS, 403],
  })
  readLiveEntry(
    @Param() { adom, device, path, name }: LiveConfigMemberParamsDto,
    @Query() query: ProxyQueryDto,
  ): Promise<unknown> {
    return this.service.readLiveConfig(adom, device, path, query, name);
  }

  @Post('devices/:device/live-config/:path')
  @HttpCode(200)
  @ProxyWrite('Create an entry on the FortiGate itself', `${FMG_PROXY}: \`post /api/v2/cmdb/{path}\`.`)
  @ApiBody(FORTIOS_BODY)
  createLiveEntry(
    @Param() { adom, device, path }: LiveConfigParamsDto,
    @Query() query: ProxyQueryDto,
    @Body() body: Record<string, unknown>,
  ): Promise<WriteResultDto> {
    return this.service.writeLiveConfig(adom, device, path, 'post', { vdom: query.vdom, payload: body });
  }

  @Put('devices/:device/live-config/:path/:name')
  @ProxyWrite('Change an entry on the FortiGate itself', `${FMG_PROXY}: \`put /api/v2/cmdb/{path}/{name}\`.`)
  @ApiBody(FORTIOS_BODY)
  updateLiveEntry(
    @Param() { adom, device, path, name }: LiveConfigMemberParamsDto,
    @Query() query: ProxyQueryDto,
    @Body() body: Record<string, unknown>,
  ): Promise<WriteResultDto> {
    return this.service.writeLiveConfig(adom, device, path, 'put', {
      key: name,
      vdom: query.vdom,
      payload: body,
    });
  }

  @Delete('devices/:device/live-config/:path/:name')
  @HttpCode(200)
  @ProxyWrite(
    'Delete an entry on the FortiGate itself',
    `${FMG_PROXY}: \`delete /api/v2/cmdb/{path}/{name}\`.`,
  )
  deleteLiveEntry(
    @Param() { adom, device, path, name }: LiveConfigMemberParamsDto,
    @Query() query: ProxyQueryDto,
  ): Promise<WriteResultDto> {
    return this.service.writeLiveConfig(adom, device, path, 'delete', { key: name, vdom: query.vdom });
  }

  @Get('devices/:device/ha')
  @ReadOperation(DeviceHaDto, {
    summary: 'HA mode and live cluster members of a managed FortiGate',
    description: `FMG: \`get /dvmdb/adom/{adom}/device/{device}\` (\`ha_mode\`), then ${FMG_PROXY}: \`get /api/v2/monitor/system/ha-peer\`.`,
    problems: DEVICE_PROBLEMS,
  })
  deviceHa(@Param() { adom, device }: DeviceParamsDto, @Query() query: ProxyQueryDto): Promise<DeviceHaDto> {
    return this.service.deviceHa(adom, device, query);
  }
}
