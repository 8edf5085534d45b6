import { Injectable, PipeTransform } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { UINT32_MAX } from '../common/validation/numbers';
import { MAX_ATTRIBUTES } from './dto/generic-object.dto';
import { FmgObject } from './generic-resource';

function invalid(message: string): GatewayError {
  return new GatewayError('VALIDATION_FAILED', message, {
    extensions: { errors: [{ field: 'body', messages: [message] }] },
  });
}

/** FMG attributes are 32-bit integers at most (signed or unsigned). */
const INT32_MIN = -2_147_483_648;

/** The path of the first number FMG could not hold as a 32-bit integer attribute. */
export function outOfRangeNumber(value: unknown, path = 'body'): string | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= INT32_MIN && value <= UINT32_MAX ? undefined : path;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = outOfRangeNumber(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * A generic body is an FMG object whose attributes only FortiManager knows: check the shape (a JSON
 * object, not an array or null, at most MAX_ATTRIBUTES attributes, numbers 32-bit integers) and leave the content to FMG.
 * (The global ValidationPipe lets such a body through untouched: its declared type is a plain object.)
 */
@Injectable()
export class FmgObjectPipe implements PipeTransform<unknown, FmgObject> {
  transform(value: unknown): FmgObject {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw invalid('The body must be a JSON object with FMG attribute names as keys.');
    }
    const count = Object.keys(value).length;
    if (count > MAX_ATTRIBUTES) {
      throw invalid(`The body has ${count} attributes; at most ${MAX_ATTRIBUTES} are allowed.`);
    }
    const bad = outOfRangeNumber(value);
    if (bad) {
      throw invalid(
        `${bad}: numbers in FMG attributes are integers from ${INT32_MIN} to ${UINT32_MAX} (32-bit).`,
      );
    }
    return value as FmgObject;
  }
}
