import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { successStatus } from '../common/http/success-status';
import { RpcCallDto, RpcResponseDto } from './dto/rpc.dto';
import { RpcService } from './rpc.service';

@ApiTags('Raw JSON-RPC')
@Controller('rpc')
export class RpcController {
  constructor(private readonly service: RpcService) {}

  @Post()
  @HttpCode(successStatus('action'))
  @Authenticated('admin')
  @ApiOperation({
    summary: 'Raw JSON-RPC passthrough (admin)',
    description:
      'Sends one JSON-RPC call with the gateway session. Upstream statuses are returned as they are, per param. ' +
      'Urls must match the allow-list (RPC_ALLOW_URLS) and not the deny-list (RPC_DENY_URLS), and name only ' +
      'ADOMs the caller may use.',
  })
  @ApiOkResponse({ type: RpcResponseDto })
  @ApiProblemResponses()
  callRpc(@Body() dto: RpcCallDto, @CurrentPrincipal() principal: Principal): Promise<RpcResponseDto> {
    return this.service.callRpc(dto, principal);
  }
}
