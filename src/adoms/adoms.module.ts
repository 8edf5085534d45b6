import { Module } from '@nestjs/common';
import { AdomsController } from './adoms.controller';
import { AdomsService } from './adoms.service';

@Module({ controllers: [AdomsController], providers: [AdomsService] })
export class AdomsModule {}
