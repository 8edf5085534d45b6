import { DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import type { ClientAuthConfig } from '../config/app-config';
import { JwtAuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';

/** The auth guard (made global in AppModule, first of the guards) and, with JWTs, the strategy. */
@Module({})
export class AuthModule {
  static forRoot(auth: ClientAuthConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [JwtAuthGuard, ...(auth.mode === 'jwt' ? [JwtStrategy] : [])],
      exports: [JwtAuthGuard],
    };
  }
}
