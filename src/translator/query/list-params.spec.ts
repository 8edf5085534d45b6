import { parseFields, parseSort } from './list-params';

const fields = { name: 'name', startIp: 'start-ip', comment: 'comment' };

describe('list params', () => {
  it('should translate fields and always include the key', () => {
    expect(parseFields('startIp, comment', fields, 'name')).toEqual(['start-ip', 'comment', 'name']);
    expect(parseFields('name', fields, 'name')).toEqual(['name']);
    expect(parseFields('', fields, 'name')).toBeUndefined();
    expect(parseFields(undefined, fields, 'name')).toBeUndefined();
  });

  it('should translate sort keys in order with their direction', () => {
    expect(parseSort('-startIp,name,+comment', fields)).toEqual([
      { 'start-ip': -1 },
      { name: 1 },
      { comment: 1 },
    ]);
    expect(parseSort(undefined, fields)).toBeUndefined();
  });

  it('should refuse unknown names with the list of allowed ones', () => {
    expect(() => parseFields('password', fields, 'name')).toThrow(
      /Unknown field "password" in fields. Allowed: name, startIp, comment/,
    );
    expect(() => parseSort('-oid', fields)).toThrow(/Unknown field "oid" in sort/);
  });
});
