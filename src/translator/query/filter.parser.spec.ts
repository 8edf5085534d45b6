import { GatewayError } from '../../common/errors/gateway-error';
import { parseFilter } from './filter.parser';

const fields = { name: 'name', type: 'type', policyid: 'policyid', member: 'member', startIp: 'start-ip' };
const parse = (f: string | string[]) => parseFilter(f, { fields });

describe('filter parser', () => {
  it.each<[string, unknown[]]>([
    ['name==web', ['name', '==', 'web']],
    ['name == "web server"', ['name', '==', 'web server']],
    ["name=='it\\'s'", ['name', '==', "it's"]],
    ['name==web*', ['name', 'like', 'web%']],
    ['name!=default', ['!', 'name', '==', 'default']],
    ['name!=web*', ['!', 'name', 'like', 'web%']],
    ['policyid>=10', ['policyid', '>=', 10]],
    ['policyid<3', ['policyid', '<', 3]],
    ['name=="10"', ['name', '==', '10']],
    ['type in (ipmask, fqdn)', ['type', 'in', 'ipmask', 'fqdn']],
    ['member contains web-01', ['member', 'contain', 'web-01']],
    ['name like "w_b%"', ['name', 'like', 'w_b%']],
    ['startIp==10.0.0.1', ['start-ip', '==', '10.0.0.1']],
    ['name==10.0.0.0/24', ['name', '==', '10.0.0.0/24']],
  ])('should translate %s', (input, expected) => {
    expect(parse(input)).toEqual(expected);
  });

  it('should bind and tighter than or', () => {
    expect(parse('name==a or name==b and type==fqdn')).toEqual([
      ['name', '==', 'a'],
      '||',
      [['name', '==', 'b'], '&&', ['type', '==', 'fqdn']],
    ]);
  });

  it('should honour parentheses and the symbolic operators', () => {
    expect(parse('(name==a || name==b) && type==fqdn; policyid>1')).toEqual([
      [['name', '==', 'a'], '||', ['name', '==', 'b']],
      '&&',
      ['type', '==', 'fqdn'],
      '&&',
      ['policyid', '>', 1],
    ]);
  });

  it('should push negation down to single conditions (De Morgan)', () => {
    expect(parse('not (name==a or type==fqdn)')).toEqual([
      ['!', 'name', '==', 'a'],
      '&&',
      ['!', 'type', '==', 'fqdn'],
    ]);
    expect(parse('!(name!=a)')).toEqual(['name', '==', 'a']);
  });

  it('should AND several filter parameters', () => {
    expect(parse(['name==a', 'type==fqdn'])).toEqual([['name', '==', 'a'], '&&', ['type', '==', 'fqdn']]);
  });

  it('should return undefined for an absent or blank filter', () => {
    expect(parse([])).toBeUndefined();
    expect(parse('  ')).toBeUndefined();
    expect(parseFilter(undefined, { fields })).toBeUndefined();
  });

  it.each([
    ['secret==x', /Unknown filter field "secret"/],
    ['name==', /expected a value/],
    ['name', /expected an operator/],
    ['(name==a', /expected "\)"/],
    ['name==a)', /unexpected "\)"/],
    ['name=="open', /unterminated string/],
    ['name==a&b', /unexpected "&"/],
    ['type in (a', /expected "\)"/],
    ['name==a name==b', /unexpected "name"/],
  ])('should reject %j with a 400 that says why', (input, message) => {
    expect(() => parse(input)).toThrow(message);
    try {
      parse(input);
    } catch (err) {
      expect((err as GatewayError).status).toBe(400);
    }
  });

  it('should bound nesting, length and the number of conditions', () => {
    expect(() => parse('('.repeat(20) + 'name==a' + ')'.repeat(20))).toThrow(/nesting/);
    expect(() => parse(Array.from({ length: 51 }, () => 'name==a').join(' or '))).toThrow(/more than 50/);
    expect(() => parse(`name=="${'x'.repeat(2100)}"`)).toThrow(/longer than/);
  });
});
