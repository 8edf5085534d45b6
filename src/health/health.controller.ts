import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { FmgClient } from '../fortimanager/fmg-client';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status!: string;
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly fmg: FmgClient) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers. Never touches the upstream.' })
  @ApiOkResponse({ type: HealthDto })
  getLiveness(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the upstream answers `/sys/status` with our account.' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblemResponses()
  async getReadiness(): Promise<HealthDto> {
    await this.fmg.request('get', { url: '/sys/status' });
    return { status: 'ok' };
  }
}
