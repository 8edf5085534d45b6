import { sign } from 'jsonwebtoken';
import type { ClientAuthConfig } from '../config/app-config';
import type { Scope } from './principal';

export interface MintOptions {
  subject: string;
  scopes: Scope[];
  /** A list for every upstream, or a list per upstream name. */
  adoms: string[] | Record<string, string[]>;
  /** FortiManager names or patterns; unset = every one. */
  managers?: string[];
  expiresInS: number;
}

/** Signs an HS* token for the configured issuer and audience (development and demo use). */
export function mintToken(auth: ClientAuthConfig, options: MintOptions): string {
  if (auth.mode !== 'jwt' || !auth.secret) {
    throw new Error(
      'Minting needs AUTH_JWT_SECRET (or demo mode); tokens for a JWKS provider come from that provider.',
    );
  }
  const claims = {
    scope: options.scopes.join(' '),
    adoms: options.adoms,
    ...(options.managers ? { managers: options.managers } : {}),
  };
  return sign(claims, auth.secret, {
    algorithm: auth.algorithms[0],
    subject: options.subject,
    issuer: auth.issuer,
    audience: auth.audience,
    expiresIn: options.expiresInS,
  });
}
