import { Injectable, PipeTransform } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { MAX_ATTRIBUTES } from './dto/generic-object.dto';
import { FmgObject } from './generic-resource';

function invalid(message: string): GatewayError {
  return new GatewayError('VALIDATION_FAILED', message, {
    extensions: { errors: [{ field: 'body', messages: [message] }] },
  });
}

/**
 * A generic body is an FMG object whose attributes only FortiManager knows: check the shape (a JSON
 * object, not an array or null, at most MAX_ATTRIBUTES attributes) and leave the content to FMG.
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
    return value as FmgObject;
  }
}
