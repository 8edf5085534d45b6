import { parseArgs } from 'node:util';
import { mintToken } from '../auth/tokens';
import { SCOPES, Scope } from '../auth/principal';
import { ConfigError, DEFAULT_MAX_TOKEN_LIFETIME_S, loadConfig } from '../config/app-config';

const HELP = `Mints a development token signed with the configured secret (the demo secret when nothing is configured).

usage: npm run -s token -- [--scope read|write|admin]... [--adom [MANAGER=]NAME|PATTERN]... [--manager NAME|PATTERN]...
                           [--sub SUBJECT] [--ttl SECONDS]

  --scope  read (GET), write (implies read), admin (implies write); repeatable or comma-separated (default read)
  --adom   an ADOM name or pattern such as 'branch-*', repeatable; '*' for all (default *);
           'east=root' grants ADOMs per manager instead (then every --adom names its manager)
  --manager  a FortiManager name or pattern the token may reach, repeatable (default: every one)
  --sub    the token subject (default dev-client)
  --ttl    lifetime in seconds, decimal digits, at most AUTH_MAX_TOKEN_LIFETIME_S (default 3600)
  --help   this text

The token goes to stdout, alone on its line; errors go to stderr with exit status 1.
`;

/**
 * `npm run token -- --scope read --scope write --adom root --adom 'branch-*' [--sub alice] [--ttl 3600]`
 * `bin/token.mjs` runs it from dist/, building only when a source file is newer, so it answers at once.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', multiple: true, default: ['read'] },
      adom: { type: 'string', multiple: true, default: ['*'] },
      manager: { type: 'string', multiple: true },
      sub: { type: 'string', default: 'dev-client' },
      ttl: { type: 'string', default: '3600' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const scopes = values.scope.flatMap((s) => s.split(/[ ,]+/)).filter(Boolean);
  const invalid = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (invalid.length > 0) {
    throw new ConfigError(`unknown scope(s): ${invalid.join(', ')}; use ${SCOPES.join(', ')}`);
  }
  const auth = loadConfig().auth;
  const max = (auth.mode === 'jwt' ? auth.maxTokenLifetimeS : undefined) ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
  if (!/^\d{1,9}$/.test(values.ttl) || Number(values.ttl) < 1 || Number(values.ttl) > max) {
    throw new ConfigError(
      `--ttl must be a whole number of seconds from 1 to ${max} (AUTH_MAX_TOKEN_LIFETIME_S)`,
    );
  }
  const token = mintToken(auth, {
    subject: values.sub,
    scopes: scopes as Scope[],
    adoms: adomClaim(values.adom),
    ...(values.manager ? { managers: values.manager } : {}),
    expiresInS: Number(values.ttl),
  });
  process.stdout.write(`${token}\n`);
}

/** `root` → ["root"]; `east=root west=*` → {"east": ["root"], "west": ["*"]}. */
function adomClaim(adoms: string[]): string[] | Record<string, string[]> {
  const perManager = adoms.filter((a) => a.includes('='));
  if (perManager.length === 0) return adoms;
  if (perManager.length !== adoms.length) {
    throw new ConfigError('--adom: either every value is MANAGER=ADOM or none is');
  }
  const claim: Record<string, string[]> = {};
  for (const entry of adoms) {
    const [manager, adom] = entry.split('=', 2);
    (claim[manager] ??= []).push(adom);
  }
  return claim;
}

try {
  main();
} catch (err) {
  process.stderr.write(`token: ${(err as Error).message}\n`);
  process.exit(1);
}
