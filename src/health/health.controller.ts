import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { HealthDto, ReadinessDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers. Never touches the upstreams.' })
  @ApiOkResponse({ type: HealthDto })
  getLiveness(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: every configured upstream answers `/sys/status` with the gateway account.',
    description: '503 (problem+json, with the same `upstreams` list) when any upstream is down.',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblemResponses()
  getReadiness(): Promise<ReadinessDto> {
    return this.service.getReadiness();
  }
}
