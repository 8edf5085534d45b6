import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { UINT32_MAX } from './numbers';

/** Every DTO of the gateway (request and response), loaded so class-validator knows its rules. */
function loadDtos(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'emulator') loadDtos(path);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- load every DTO file for its decorators
    else if (entry.name.endsWith('.dto.ts')) require(path);
  }
}

/**
 * Issue #16, at the root: no integer the gateway accepts is unbounded. Every `@IsInt()` property of
 * every DTO also has `@Min()` and `@Max()`, and no maximum lies beyond what FMG stores (32-bit unsigned).
 */
describe('numeric bounds of every DTO', () => {
  loadDtos(join(__dirname, '../..'));
  type Meta = {
    target: { name: string };
    propertyName: string;
    name?: string;
    type: string;
    constraints?: unknown[];
  };
  const metas = (getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, Meta[]> })
    .validationMetadatas;
  const all: Meta[] = [...metas.values()].flat();
  const byProperty = new Map<string, Meta[]>();
  for (const m of all) {
    const key = `${m.target.name}.${m.propertyName}`;
    byProperty.set(key, [...(byProperty.get(key) ?? []), m]);
  }
  const integers = [...byProperty].filter(([, ms]) => ms.some((m) => m.name === 'isInt'));

  it('should find the integer properties', () => {
    expect(integers.length).toBeGreaterThan(15);
  });

  it.each(integers.map(([key, ms]) => [key, ms]))('%s has a minimum and a 32-bit maximum', (_key, ms) => {
    const min = ms.find((m) => m.name === 'min');
    const max = ms.find((m) => m.name === 'max');
    expect(min).toBeDefined();
    expect(max).toBeDefined();
    expect(max!.constraints![0] as number).toBeLessThanOrEqual(UINT32_MAX);
  });
});
