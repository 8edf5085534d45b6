import { etagMatches, etagOf } from './etag';

describe('etagOf', () => {
  const address = {
    name: 'h1',
    subnet: ['10.0.0.1', '255.255.255.255'],
    meta: { color: 3, tags: ['a', 'b'] },
  };

  it('should give the same tag whatever the key order, at every depth', () => {
    const reordered = {
      meta: { tags: ['a', 'b'], color: 3 },
      subnet: ['10.0.0.1', '255.255.255.255'],
      name: 'h1',
    };
    expect(etagOf(reordered)).toBe(etagOf(address));
    expect(etagOf(address)).toMatch(/^"[\w-]{27}"$/);
  });

  it('should change with any value, with array order, and with a key that moves between objects', () => {
    const tags = new Set([
      etagOf(address),
      etagOf({ ...address, name: 'h2' }),
      etagOf({ ...address, subnet: ['255.255.255.255', '10.0.0.1'] }),
      etagOf({ ...address, meta: { color: 4, tags: ['a', 'b'] } }),
      etagOf({ ...address, meta: { color: 3, tags: ['a', 'b'], extra: null } }),
      etagOf({ name: 'h1', subnet: ['10.0.0.1', '255.255.255.255'], color: 3, meta: { tags: ['a', 'b'] } }),
    ]);
    expect(tags.size).toBe(6);
  });

  it('should ignore undefined fields, as the JSON the client receives does', () => {
    expect(etagOf({ ...address, comment: undefined })).toBe(etagOf(address));
    expect(etagOf({ list: [undefined, 1] })).toBe(etagOf({ list: [null, 1] }));
  });
});

describe('etagMatches', () => {
  it('should match the tag, a list holding it, or *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(false);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
  });
});
