import { parseArgs } from 'node:util';
import { mintToken } from '../auth/tokens';
import { SCOPES, Scope } from '../auth/principal';
import { ConfigError, loadConfig } from '../config/app-config';

/**
 * `npm run token -- --scope read --scope write --adom root --adom 'branch-*' [--sub alice] [--ttl 3600]`
 * Mints a development token from the configured secret (the demo secret when nothing is configured).
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', multiple: true, default: ['read'] },
      adom: { type: 'string', multiple: true, default: ['*'] },
      sub: { type: 'string', default: 'dev-client' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const scopes = values.scope.flatMap((s) => s.split(/[ ,]+/)).filter(Boolean);
  const invalid = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (invalid.length > 0) {
    throw new ConfigError(`unknown scope(s): ${invalid.join(', ')}; use ${SCOPES.join(', ')}`);
  }
  const token = mintToken(loadConfig().auth, {
    subject: values.sub,
    scopes: scopes as Scope[],
    adoms: values.adom,
    expiresInS: Number(values.ttl),
  });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`token: ${(err as Error).message}\n`);
  process.exit(1);
}
