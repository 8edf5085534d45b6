import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { SystemStatusDto } from './dto/system-status.dto';
import { SystemService } from './system.service';

@ApiTags('System')
@Controller('system')
export class SystemController {
  constructor(private readonly service: SystemService) {}

  @Get('status')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Upstream status', description: 'FMG: `get /sys/status`.' })
  @ApiOkResponse({ type: SystemStatusDto })
  @ApiProblemResponses()
  getSystemStatus(): Promise<SystemStatusDto> {
    return this.service.getSystemStatus();
  }
}
