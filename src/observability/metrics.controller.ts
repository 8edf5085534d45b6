import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { MetricsService } from './metrics.service';

/**
 * Public like the probes: Prometheus scrapers rarely carry short-lived bearer tokens, and the series hold
 * no secrets or names (route and url templates only). METRICS_ENABLED=false removes the route; keep it
 * off the public ingress if request rates are sensitive, or set MANAGEMENT_PORT: then this route and the
 * probes are served on that port only (management-port.ts).
 */
@ApiTags('Health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics: HTTP and upstream rates and latencies, session pool, breaker, read cache.',
  })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4.', schema: { type: 'string' } })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  getMetrics(): Promise<string> {
    return this.metrics.render();
  }
}
