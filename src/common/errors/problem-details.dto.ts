import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class UpstreamProblemDto {
  /** FortiManager `status.code` (or JSON-RPC error code). */
  @ApiProperty({ example: -3 })
  code!: number;
  @ApiProperty({ example: 'Object does not exist' })
  message!: string;
  @ApiPropertyOptional({ example: '/pm/config/adom/root/obj/firewall/address/web-01' })
  url?: string;
  @ApiPropertyOptional({ example: 'get' })
  method?: string;
  @ApiPropertyOptional({
    example: 'FortiAnalyzer',
    description: 'The product that answered, where the gateway knows it (FortiAnalyzer analytics calls).',
  })
  product?: string;
}

export class FieldErrorDto {
  /** @example 'limit' */
  field!: string;
  /** @example ["limit must not be greater than 1000"] */
  messages!: string[];
}

/** RFC 9457 problem details, as every error of this API is rendered (`application/problem+json`). */
export class ProblemDetailsDto {
  /** @example 'urn:fortirest:problem:fmg-object-not-found' */
  type!: string;
  /** @example 'Object not found' */
  title!: string;
  /** @example 404 */
  status!: number;
  /** @example 'Object does not exist' */
  detail!: string;
  /** @example '/adoms/root/packages/nope' */
  instance!: string;
  /**
   * Stable machine-readable reason.
   * @example 'FMG_OBJECT_NOT_FOUND'
   */
  code!: string;
  /**
   * Echoes the X-Request-Id of the request.
   * @example '0d6f3c1e-9d1b-4a53-9a57-5c4e1e8b2f10'
   */
  requestId!: string;
  /** Present when the upstream said something. */
  upstream?: UpstreamProblemDto;
  /** True when the same request may succeed later unchanged. */
  retryable?: boolean;
  /** Validation errors, one entry per field. */
  errors?: FieldErrorDto[];
  /**
   * For 423: the administrator holding the workspace lock.
   * @example 'jsmith'
   */
  lockedBy?: string;
}
