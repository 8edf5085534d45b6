import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { GatewayError } from '../errors/gateway-error';
import { cacheValidationMetadata } from './metadata-cache';
import { ValidatedArgsCache } from './validated-args-cache';

function flatten(errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** ValidationPipe that remembers validated path parameters and query strings (ValidatedArgsCache). */
class CachingValidationPipe extends ValidationPipe {
  private readonly validated = new ValidatedArgsCache();

  constructor(
    private readonly expected: Type<unknown> | undefined,
    options: ConstructorParameters<typeof ValidationPipe>[0],
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = (this.expected ?? metadata.metatype) as Type<unknown> | undefined;
    const repeatable = metadata.type === 'param' || metadata.type === 'query';
    const key = repeatable && type && this.toValidate(metadata) ? this.validated.key(type, value) : undefined;
    if (key === undefined) return super.transform(value, metadata);
    const known = this.validated.get(key);
    if (known !== undefined) return known;
    const result: unknown = await super.transform(value, metadata);
    this.validated.set(key, type!, result);
    return result;
  }
}

/** Global validation: unknown properties are an error (a typo must not silently do nothing). */
export function createValidationPipe(expectedType?: Type<unknown>): ValidationPipe {
  cacheValidationMetadata();
  return new CachingValidationPipe(expectedType, {
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
