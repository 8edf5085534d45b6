import { getMetadataStorage, IsInt, IsString, Min, MinLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

const errorsOf = (object: object) =>
  validateSync(object, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('should answer the same rules for a class as often as asked, inherited ones included', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(new Set(first.map((m) => m.propertyName))).toEqual(new Set(['name', 'count']));
    expect(storage.getTargetValidationMetadatas(Base, '', false, false)).not.toBe(first);
  });

  it('should validate as before: inherited rules, own rules, unknown properties', () => {
    for (let i = 0; i < 3; i++) {
      expect(errorsOf(Object.assign(new Child(), { name: 'x', count: 2 }))).toEqual([]);
      expect(errorsOf(Object.assign(new Child(), { name: 7, count: 0 })).sort()).toEqual(['count', 'name']);
      expect(errorsOf(Object.assign(new Child(), { name: 'x', count: 2, extra: true }))).toEqual(['extra']);
    }
  });

  it('should see rules declared after a class was first validated', () => {
    class Late {
      @IsString()
      title!: string;
    }
    expect(errorsOf(Object.assign(new Late(), { title: 'ab' }))).toEqual([]);
    // A decorator applied by hand, as a class declared later in another module would.
    MinLength(3)(Late.prototype, 'title');
    expect(errorsOf(Object.assign(new Late(), { title: 'ab' }))).toEqual(['title']);
  });
});
