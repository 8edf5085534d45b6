import { GatewayError } from '../common/errors/gateway-error';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import { TranslatorService } from '../translator/translator.service';
import { FmgObjectPipe } from './fmg-object.pipe';
import { assertCliPath, CLI_PATH, CLI_PATH_PATTERN, openResource } from './generic-resource';

function problemOf(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

describe('generic resources', () => {
  describe('cli paths', () => {
    it.each([
      'firewall/address',
      'firewall/service/custom',
      'router/static',
      'system/dns',
      'user/local',
      'vpn/ipsec/phase1-interface',
      'wireless-controller/wtp-profile',
      'a/b/c/d/e/f',
    ])('should accept %s', (table) => {
      expect(CLI_PATH.test(table)).toBe(true);
      expect(assertCliPath(table)).toBe(table);
    });

    it.each([
      '',
      '..',
      '../sys',
      'firewall/..',
      'firewall/./address',
      'Firewall/Address',
      'firewall\\/address',
      'firewall//address',
      'firewall/',
      '/sys/status',
      'firewall address',
      '-firewall/address',
      'firewall/_scope',
      'a/b/c/d/e/f/g',
      'firewall/address\n',
    ])('should refuse %j', (table) => {
      expect(CLI_PATH.test(table)).toBe(false);
      expect(problemOf(() => assertCliPath(table))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    });

    it('should document the same pattern it checks', () => {
      expect(new RegExp(CLI_PATH_PATTERN).source).toBe(CLI_PATH.source);
    });

    it('should become literal url parts, with only the object name escaped', () => {
      const url = fmgUrl`/pm/config/global/obj/${new PathValue([...'firewall/address'.split('/'), 'a/b'])}`;
      expect(url).toBe('/pm/config/global/obj/firewall/address/a\\/b');
    });
  });

  describe('open resource (queries by FMG attribute names)', () => {
    const translator = new TranslatorService(undefined as never, undefined as never);
    const params = (query: object) => translator.listParams(openResource('x object'), '/u', query);

    it.each([
      [{ fields: 'name,Subnet' }, 'fields'],
      [{ sort: '-' }, 'sort'],
      [{ sort: '_scope' }, 'sort'],
      [{ filter: 'Name==x' }, 'filter'],
      [{ filter: '__proto__==x' }, 'filter'],
      [{ filter: 'constructor==x or toString==y and _x==1' }, 'filter'],
      [{ filter: 'name==' }, 'filter'],
    ])('should refuse %j with a 400 naming the parameter', (query, parameter) => {
      expect(problemOf(() => params(query))).toMatchObject({ status: 400, extensions: { parameter } });
    });

    it('should translate the query with the names as they are, adding no key to fields', () => {
      const query = { fields: 'seq-num,gateway', sort: '-seq-num', filter: 'device==port1 and distance>=10' };
      const { page, count } = params({ ...query, limit: 5 });
      expect(page).toEqual({
        url: '/u',
        range: [0, 5],
        loadsub: 0,
        fields: ['seq-num', 'gateway'],
        sortings: [{ 'seq-num': -1 }],
        filter: [['device', '==', 'port1'], '&&', ['distance', '>=', 10]],
      });
      expect(count).toEqual({ url: '/u', option: ['count'], filter: page.filter });
    });

    it('should take names with spaces and every operator position of the filter', () => {
      const { page } = params({
        sort: '-obj seq,+comment',
        filter: '(associated-interface contains port3 or type in (fqdn,ipmask)) and not name==x',
      });
      expect(page.sortings).toEqual([{ 'obj seq': -1 }, { comment: 1 }]);
      expect(JSON.stringify(page.filter)).toContain('"associated-interface"');
    });
  });

  describe('body pipe', () => {
    const pipe = new FmgObjectPipe();

    it('should pass a JSON object through untouched', () => {
      const body = { name: 'x', 'seq-num': 3, subnet: ['10.0.0.0', '255.0.0.0'], Odd: { nested: true } };
      expect(pipe.transform(body)).toBe(body);
    });

    it.each([[null], [undefined], [[{ name: 'x' }]], ['text'], [42]])('should refuse %j', (body) => {
      expect(problemOf(() => pipe.transform(body))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    });

    it('should refuse more than 200 attributes', () => {
      const body = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, i]));
      expect(pipe.transform(body(200))).toBeDefined();
      expect(problemOf(() => pipe.transform(body(201))).detail).toMatch(/201 attributes/);
    });
  });
});
