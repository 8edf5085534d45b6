import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { ClientAuthConfig } from '../config/app-config';
import { JwtAuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';

/** Registers the global guard (overridable in tests through `useExisting`) and, with JWTs, the strategy. */
@Module({})
export class AuthModule {
  static forRoot(auth: ClientAuthConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        JwtAuthGuard,
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        ...(auth.mode === 'jwt' ? [JwtStrategy] : []),
      ],
    };
  }
}
