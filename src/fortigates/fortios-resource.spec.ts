import { GatewayError } from '../common/errors/gateway-error';
import { fortiOsResource } from './fortios-resource';

describe('fortiOsResource', () => {
  it('should build monitor and cmdb resources from validated parts', () => {
    expect(fortiOsResource({ api: 'monitor', path: 'system/status', vdom: 'root' })).toBe(
      '/api/v2/monitor/system/status?vdom=root',
    );
    expect(
      fortiOsResource({ api: 'monitor', path: 'firewall/policy', vdom: 'dmz', params: { policyid: '3' } }),
    ).toBe('/api/v2/monitor/firewall/policy?vdom=dmz&policyid=3');
    expect(fortiOsResource({ api: 'cmdb', path: 'firewall/address', key: 'net 10/8', vdom: 'root' })).toBe(
      '/api/v2/cmdb/firewall/address/net%2010%2F8?vdom=root',
    );
  });

  it.each([
    '../cmdb/system/admin',
    'system/../admin',
    'https://evil.example/x',
    '/system/status',
    'system/status?vdom=other',
    'system/status#x',
    'system//status',
    'System/Status',
    'system/status/',
  ])('should refuse the path %j with a 400', (path) => {
    const err = (() => {
      try {
        return fortiOsResource({ api: 'monitor', path });
      } catch (e) {
        return e;
      }
    })() as GatewayError;
    expect([err.status, err.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('should refuse credential tables on cmdb, member keys "." and "..", and odd parameter values', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (e) {
        return (e as GatewayError).code;
      }
    };
    expect(code(() => fortiOsResource({ api: 'cmdb', path: 'system/admin' }))).toBe('TABLE_NOT_ALLOWED');
    expect(code(() => fortiOsResource({ api: 'cmdb', path: 'firewall/address', key: '..' }))).toBe(
      'BAD_REQUEST',
    );
    expect(code(() => fortiOsResource({ api: 'monitor', path: 'x/y', params: { count: '1&vdom=x' } }))).toBe(
      'BAD_REQUEST',
    );
  });
});
