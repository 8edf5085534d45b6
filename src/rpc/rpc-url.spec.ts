import { GatewayError } from '../common/errors/gateway-error';
import { canonicalRpcUrl } from './rpc-url';
import { isAdomName } from '../auth/adom-name';
import { adomAllowed, Principal } from '../auth/principal';

const codeOf = (url: string): string | string[] => {
  try {
    return canonicalRpcUrl(url, 0).adoms;
  } catch (err) {
    return (err as GatewayError).code;
  }
};

describe('POST /rpc url canonical form (issue #16)', () => {
  it.each([
    ['/pm/config/adom/root/obj/firewall/address', ['root']],
    ['pm/config/adom/root/pkg/default', ['root']],
    ['/dvmdb/adom', []],
    ['/pm/config/global/obj/firewall/address', []],
    ['/pm/config/ADOM/branch-east/obj', ['branch-east']],
    ['/a/adom/x/b/adom/y', ['x', 'y']],
  ])('%s names %j', (url, adoms) => expect(codeOf(url)).toEqual(adoms));

  it.each([
    '/pm/config/adom/root/../x',
    '/pm/config/adom/./root',
    '/pm//config',
    '/pm/config/',
    '/pm/config/adom/root%2F..',
    '/pm/config/adom/%72oot',
    '/pm/config/adom/root\\/x',
    '/pm/config/adom/ro\u0000ot',
    '/pm/config/adom/root\n',
  ])('%j is not canonical', (url) => expect(codeOf(url)).toBe('RPC_URL_NOT_CANONICAL'));

  it.each(['branch-*', 'x y', '-a', 'a'.repeat(65), 'ä'])('ADOM %j is no ADOM name', (name) => {
    expect(codeOf(`/pm/config/adom/${name}/obj`)).toBe('INVALID_ADOM_NAME');
    expect(isAdomName(name)).toBe(false);
  });

  it('should never let a pattern match a name that is no ADOM name', () => {
    const p: Principal = { subject: 't', scopes: new Set(['read']), adoms: ['branch-*'] };
    expect(adomAllowed(p, 'branch-east')).toBe(true);
    for (const name of ['branch-*', 'branch-east/../root', 'branch-\\', 'branch-\u0000', 'branch- x']) {
      expect(adomAllowed(p, name)).toBe(false);
    }
  });
});
