import { Module } from '@nestjs/common';
import { AdomsController } from './adoms.controller';
import { AdomsService } from './adoms.service';
import { TranslatorModule } from '../translator/translator.module';

@Module({ imports: [TranslatorModule], controllers: [AdomsController], providers: [AdomsService] })
export class AdomsModule {}
