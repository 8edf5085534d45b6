import { GatewayError } from '../../common/errors/gateway-error';
import { escapeSegment, fmgUrl, PathValue } from './fmg-url';

describe('fmgUrl', () => {
  it('should escape a slash in a name as \\/', () => {
    expect(fmgUrl`/pm/config/adom/${'root'}/obj/firewall/address/${'net_10.0.0.0/24'}`).toBe(
      '/pm/config/adom/root/obj/firewall/address/net_10.0.0.0\\/24',
    );
  });

  it('should escape backslashes first so a name cannot end an escape', () => {
    expect(escapeSegment('a\\')).toBe('a\\\\');
    expect(escapeSegment('a\\/b')).toBe('a\\\\\\/b');
  });

  it('should keep spaces, quotes and unicode as they are', () => {
    expect(escapeSegment('Büro "West" 1')).toBe('Büro "West" 1');
  });

  it('should never let a name climb into another url family', () => {
    const url = fmgUrl`/pm/config/adom/${'root'}/obj/firewall/address/${'../../../../sys/status'}`;
    expect(url).toBe('/pm/config/adom/root/obj/firewall/address/..\\/..\\/..\\/..\\/sys\\/status');
    // Leading empty part + 7 real segments + the escaped name: still exactly one segment after `address`.
    expect(url.split(/(?<!\\)\//)).toHaveLength(9);
  });

  it.each(['', '.', '..', 'a\u0000b', 'line\nbreak'])('should refuse %j with a 400', (name) => {
    expect(() => escapeSegment(name)).toThrow(GatewayError);
    try {
      escapeSegment(name);
    } catch (err) {
      expect((err as GatewayError).status).toBe(400);
    }
  });

  it('should escape each part of a folder path separately', () => {
    // 'a\\' ends in a backslash: escaped to 'a\\\\' so the following separator stays a separator.
    expect(fmgUrl`/pm/pkg/adom/${'root'}/${PathValue.of('branches/a\\/b')}`).toBe(
      '/pm/pkg/adom/root/branches/a\\\\/b',
    );
    expect(() => fmgUrl`/pm/pkg/adom/${'root'}/${PathValue.of('branches//x')}`).toThrow(GatewayError);
    expect(() => fmgUrl`/pm/pkg/adom/${'root'}/${PathValue.of('../x')}`).toThrow(GatewayError);
  });

  it('should accept integer ids and refuse others', () => {
    expect(fmgUrl`/task/task/${42}`).toBe('/task/task/42');
    expect(() => fmgUrl`/task/task/${1.5}`).toThrow(GatewayError);
  });
});
