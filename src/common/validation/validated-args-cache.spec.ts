import { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Type as TransformType } from 'class-transformer';
import { GatewayError } from '../errors/gateway-error';
import { createValidationPipe } from './validation';
import { ValidatedArgsCache } from './validated-args-cache';

class Params {
  @IsString()
  @Matches(/^[a-z]+$/)
  adom!: string;
}

class Query {
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

const param: ArgumentMetadata = { type: 'param', metatype: Params, data: undefined };
const query: ArgumentMetadata = { type: 'query', metatype: Query, data: undefined };

describe('validated path parameters and query strings', () => {
  it('should answer a repeated argument with an equal, separate instance of the DTO', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ adom: 'root' }, param)) as Params;
    const second = (await pipe.transform({ adom: 'root' }, param)) as Params;
    expect(second).toBeInstanceOf(Params);
    expect(second).toEqual({ adom: 'root' });
    expect(second).not.toBe(first);
    // One caller changing its copy does not change what the next one gets.
    second.adom = 'changed';
    expect(await pipe.transform({ adom: 'root' }, param)).toEqual({ adom: 'root' });
  });

  it('should keep converting values (the cached answer is the transformed one)', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      const q = (await pipe.transform({ limit: '20' }, query)) as Query;
      expect(q).toBeInstanceOf(Query);
      expect(q.limit).toBe(20);
    }
  });

  it('should refuse an invalid argument every time, even after valid ones with other values', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ limit: '20' }, query);
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ limit: '9999' }, query)).rejects.toBeInstanceOf(GatewayError);
      await expect(pipe.transform({ limit: '20', extra: 'x' }, query)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('should not mix up DTO classes whose input is the same', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({}, query);
    await expect(pipe.transform({}, param)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('should key only flat string records, and evict the least recently used entry', () => {
    const cache = new ValidatedArgsCache(2);
    expect(cache.key(Params, { adom: { nested: 'x' } })).toBeUndefined();
    expect(cache.key(Params, ['root'])).toBeUndefined();
    expect(cache.key(Params, { a: '1', b: '2' })).not.toBe(cache.key(Params, { a: '1","b":"2' }));
    // Path parameters come in objects with a key-less prototype: cached too.
    const params = Object.assign(Object.create(Object.create(null) as object) as object, { adom: 'root' });
    expect(cache.key(Params, params)).toBe(cache.key(Params, { adom: 'root' }));
    const [a, b, c] = ['a', 'b', 'c'].map((adom) => cache.key(Params, { adom })!);
    const valid = (adom: string) => Object.assign(new Params(), { adom });
    cache.set(a, Params, valid('a'));
    cache.set(b, Params, valid('b'));
    expect(cache.get(a)).toEqual({ adom: 'a' }); // a is now the most recently used
    cache.set(c, Params, valid('c'));
    expect(cache.size).toBe(2);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)).toEqual({ adom: 'a' });
    expect(cache.get(c)).toEqual({ adom: 'c' });
  });
});
