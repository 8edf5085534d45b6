import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TransportEvent } from '../upstream/transport/jsonrpc-transport';
import type { RpcClient } from '../upstream/rpc-client';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { urlTemplate } from './url-template';

/** Distinct upstream url templates kept as label values; the rest are counted as `other`. */
const MAX_URL_TEMPLATES = 300;
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const BREAKER_VALUE = { closed: 0, open: 1, 'half-open': 2 } as const;

/**
 * Prometheus metrics of one app instance, in its own registry (several gateways can share a process in
 * tests). HTTP series are labelled by route template, upstream series by url template, so label values
 * stay bounded whatever names clients use. Pool, breaker and cache values are read at scrape time.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly templates = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: 'fortirest_upstream_request_duration_seconds',
    help: 'JSON-RPC calls (each HTTP attempt) by upstream, method, url template and FMG status code or error code.',
    labelNames: ['upstream', 'method', 'url', 'code'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly upstreamRetries = new Counter({
    name: 'fortirest_upstream_retries_total',
    help: 'Idempotent JSON-RPC calls sent again after a lost connection.',
    labelNames: ['upstream', 'method'],
    registers: [this.registry],
  });
  private readonly breakerRejections = new Counter({
    name: 'fortirest_upstream_circuit_rejections_total',
    help: 'Calls refused with 503 while the circuit breaker was open.',
    labelNames: ['upstream'],
    registers: [this.registry],
  });

  constructor(private readonly upstreams: UpstreamRegistry) {
    collectDefaultMetrics({ register: this.registry });
    this.scrapeTimeGauges();
  }

  onModuleInit(): void {
    for (const { client } of this.upstreams.configured()) {
      this.unsubscribe.push(client.observe((e) => this.onTransport(e)));
    }
  }

  onApplicationShutdown(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  private onTransport(event: TransportEvent): void {
    switch (event.kind) {
      case 'call':
        this.upstreamDuration.observe(
          {
            upstream: event.upstream,
            method: event.method,
            url: this.template(event.url),
            code: event.outcome,
          },
          event.durationMs / 1000,
        );
        break;
      case 'retry':
        this.upstreamRetries.inc({ upstream: event.upstream, method: event.method });
        break;
      case 'rejected':
        this.breakerRejections.inc({ upstream: event.upstream });
        break;
      case 'breaker':
        break; // read at scrape time
    }
  }

  private template(url: string): string {
    const template = urlTemplate(url);
    if (this.templates.has(template)) return template;
    if (this.templates.size >= MAX_URL_TEMPLATES) return 'other';
    this.templates.add(template);
    return template;
  }

  /** Gauges and counters whose values live elsewhere (pool, breaker, cache): read when Prometheus scrapes. */
  private scrapeTimeGauges(): void {
    const perUpstream = (
      kind: 'gauge' | 'counter',
      name: string,
      help: string,
      read: (client: RpcClient) => number | undefined,
    ) => {
      const options = { name, help, labelNames: ['upstream'], registers: [this.registry] };
      const values = () =>
        this.upstreams.configured().flatMap(({ name: upstream, client }) => {
          const value = read(client);
          return value === undefined ? [] : [{ upstream, value }];
        });
      if (kind === 'gauge') {
        new Gauge({
          ...options,
          collect() {
            this.reset();
            for (const { upstream, value } of values()) this.set({ upstream }, value);
          },
        });
      } else {
        new Counter({
          ...options,
          collect() {
            this.reset();
            for (const { upstream, value } of values()) this.inc({ upstream }, value);
          },
        });
      }
    };
    perUpstream(
      'gauge',
      'fortirest_upstream_sessions',
      'Upstream sessions held (logged in) by the pool.',
      (c) => c.stats()?.sessions,
    );
    perUpstream(
      'gauge',
      'fortirest_upstream_sessions_in_use',
      'Upstream sessions lent to a call right now.',
      (c) => c.stats()?.busy,
    );
    perUpstream(
      'gauge',
      'fortirest_upstream_session_waiters',
      'Requests waiting for a free upstream session.',
      (c) => c.stats()?.waiting,
    );
    perUpstream(
      'gauge',
      'fortirest_upstream_sessions_limit',
      'Most sessions the pool may hold.',
      (c) => c.stats()?.limit,
    );
    perUpstream(
      'gauge',
      'fortirest_upstream_circuit_state',
      'Circuit breaker per upstream: 0 closed, 1 open, 2 half-open.',
      (c) => {
        const state = c.breakerState();
        return state && BREAKER_VALUE[state];
      },
    );
    perUpstream(
      'counter',
      'fortirest_read_cache_hits_total',
      'Reads answered from the read cache.',
      (c) => c.protection()?.cacheHits,
    );
    perUpstream(
      'counter',
      'fortirest_read_cache_misses_total',
      'Cacheable reads not found in the cache.',
      (c) => c.protection()?.cacheMisses,
    );
    perUpstream(
      'counter',
      'fortirest_read_cache_invalidations_total',
      'Cached reads dropped because a write touched them.',
      (c) => c.protection()?.cacheInvalidations,
    );
    perUpstream(
      'counter',
      'fortirest_reads_coalesced_total',
      'Reads answered by joining an identical read in flight.',
      (c) => c.protection()?.coalesced,
    );
    perUpstream(
      'counter',
      'fortirest_reads_batched_total',
      'Reads sent in one JSON-RPC call together with other reads.',
      (c) => c.protection()?.batched,
    );
  }
}
