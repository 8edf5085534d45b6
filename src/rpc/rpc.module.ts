import { Module } from '@nestjs/common';
import { RpcController } from './rpc.controller';
import { RpcService } from './rpc.service';
import { UpstreamModule } from '../upstream/upstream.module';

@Module({ imports: [UpstreamModule], controllers: [RpcController], providers: [RpcService] })
export class RpcModule {}
