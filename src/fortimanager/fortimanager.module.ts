import { Global, Module } from '@nestjs/common';
import { FmgClient } from './fmg-client';

@Global()
@Module({ providers: [FmgClient], exports: [FmgClient] })
export class FortiManagerModule {}
