import { list, toRest, type ResourceDef } from './resource';

interface Row {
  name: string;
  members: unknown[];
}

const def: ResourceDef<Row> = {
  label: 'group',
  key: 'name',
  fields: { name: 'name', members: list('member') },
};

describe('list fields', () => {
  it('should keep a list of single names as FMG answered it', () => {
    expect(toRest(def, { name: 'g', member: ['a', 'b'] }).members).toEqual(['a', 'b']);
  });

  it('should split space-separated names, in a string or inside the list, and drop empty ones', () => {
    expect(toRest(def, { name: 'g', member: 'a b  c' }).members).toEqual(['a', 'b', 'c']);
    expect(toRest(def, { name: 'g', member: ['a b', 'c', ''] }).members).toEqual(['a', 'b', 'c']);
    expect(toRest(def, { name: 'g', member: '' }).members).toEqual([]);
  });

  it('should wrap a single value and keep non-string items', () => {
    expect(toRest(def, { name: 'g', member: 'a' }).members).toEqual(['a']);
    expect(toRest(def, { name: 'g', member: [1, 'b'] }).members).toEqual([1, 'b']);
  });
});
