import { Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { GatewayError } from '../errors/gateway-error';
import { cacheValidationMetadata } from './metadata-cache';

function flatten(errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Global validation: unknown properties are an error (a typo must not silently do nothing). */
export function createValidationPipe(expectedType?: Type<unknown>): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    expectedType,
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new GatewayError('VALIDATION_FAILED', list.map((e) => e.messages.join(', ')).join('; '), {
        extensions: { errors: list },
      });
    },
  });
}
