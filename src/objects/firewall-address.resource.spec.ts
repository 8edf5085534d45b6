import { list, toFmg, toRest } from '../translator/resource';
import { FIREWALL_ADDRESS_RESOURCE, subnetToFmg, subnetToRest } from './firewall-address.resource';

describe('firewall address mapping', () => {
  it.each([
    [['10.0.0.0', '255.255.255.0'], '10.0.0.0/24'],
    [['192.0.2.10', '255.255.255.255'], '192.0.2.10/32'],
    [['0.0.0.0', '0.0.0.0'], '0.0.0.0/0'],
    [['10.0.0.0', '255.0.255.0'], '10.0.0.0/255.0.255.0'],
  ])('should show FMG subnet %j as %s', (fmg, rest) => {
    expect(subnetToRest(fmg)).toBe(rest);
  });

  it.each([
    ['10.0.0.0/24', ['10.0.0.0', '255.255.255.0']],
    ['10.1.0.0/16', ['10.1.0.0', '255.255.0.0']],
    ['192.0.2.1/32', ['192.0.2.1', '255.255.255.255']],
    ['10.0.0.0/255.0.255.0', ['10.0.0.0', '255.0.255.0']],
  ])('should send %s as %j', (rest, fmg) => {
    expect(subnetToFmg(rest)).toEqual(fmg);
  });

  it('should rename fields both ways and drop what it does not know', () => {
    const fmg = { name: 'r', type: 'iprange', 'start-ip': '10.0.0.1', 'end-ip': '10.0.0.9', _internal: 1 };
    expect(toRest(FIREWALL_ADDRESS_RESOURCE, fmg)).toEqual({
      name: 'r',
      type: 'iprange',
      startIp: '10.0.0.1',
      endIp: '10.0.0.9',
    });
    expect(toFmg(FIREWALL_ADDRESS_RESOURCE, { name: 'h', subnet: '10.0.0.1/32' })).toEqual({
      name: 'h',
      subnet: ['10.0.0.1', '255.255.255.255'],
    });
  });
});

describe('list attributes', () => {
  it('should show space-separated FMG strings as lists of single items', () => {
    const day = list('day');
    expect(day.toRest!('monday friday')).toEqual(['monday', 'friday']);
    expect(day.toRest!(['monday tuesday', 'friday'])).toEqual(['monday', 'tuesday', 'friday']);
    expect(day.toRest!(['80', '443'])).toEqual(['80', '443']);
  });
});
