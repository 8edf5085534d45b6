import { Transform } from 'class-transformer';

/** FMG ids (policy, task, run, layout ids ...) are 32-bit unsigned. */
export const UINT32_MAX = 4_294_967_295;

const DECIMAL = /^-?\d{1,16}$/;

/**
 * A path or query integer: plain decimal digits only. `Number()` (what `@Type(() => Number)` does)
 * also reads `0x10`, `1e3`, ` 7 `, `0b1` and `Infinity`; those stay strings here, so `@IsInt()` refuses
 * them with a 400 instead of the gateway guessing what the client meant.
 */
export function DecimalInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
  );
}
