import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, StrategyOptionsWithoutRequest } from 'passport-jwt';
import { APP_CONFIG, DEFAULT_MAX_TOKEN_LIFETIME_S } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { unauthorized } from './auth.guard';
import { Principal, principalFromClaims } from './principal';
import { tokenLifetimeProblem } from './token-lifetime';

/**
 * passport-jwt: signature (HS* secret or a JWKS key by `kid`), pinned algorithms (so `none` and
 * algorithm confusion are refused), issuer, audience, expiry (required, and at most
 * AUTH_MAX_TOKEN_LIFETIME_S after issue), with a bounded clock skew.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly claims: { scopes: string; adoms: string };
  private readonly lifetime: { maxS: number; skewS: number };

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const auth = config.auth;
    if (auth.mode !== 'jwt') throw new Error('JwtStrategy needs JWT client authentication');
    const options: StrategyOptionsWithoutRequest = {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: auth.algorithms,
      issuer: auth.issuer,
      audience: auth.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: auth.clockSkewS },
      ...(auth.jwksUrl
        ? {
            secretOrKeyProvider: passportJwtSecret({
              jwksUri: auth.jwksUrl,
              cache: true,
              cacheMaxAge: 10 * 60_000,
              rateLimit: true,
              jwksRequestsPerMinute: 10,
              timeout: 5_000,
            }),
          }
        : {
            // A KeyObject, made once: given a string, jsonwebtoken tries (and fails) to parse it as a
            // public key on every request before making a secret key of it (~4x the cost of the HMAC).
            secretOrKey: createSecretKey(Buffer.from(auth.secret!, 'utf8')) as unknown as string,
          }),
    };
    super(options);
    this.claims = { scopes: auth.scopesClaim, adoms: auth.adomsClaim };
    this.lifetime = { maxS: auth.maxTokenLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S, skewS: auth.clockSkewS };
  }

  validate(payload: Record<string, unknown>): Principal {
    const problem = tokenLifetimeProblem(payload, this.lifetime.maxS, this.lifetime.skewS);
    if (problem) throw unauthorized(`Invalid token: ${problem}.`);
    return principalFromClaims(payload, this.claims.scopes, this.claims.adoms);
  }
}
