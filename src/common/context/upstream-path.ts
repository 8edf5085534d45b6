import type { UpstreamSelection } from './request-context';

/**
 * `/managers/{name}/<route>` and `/analyzers/{name}/<route>` are every FortiManager and FortiAnalyzer route
 * again for a named upstream. The prefix is taken off before routing (Fastify `rewriteUrl`), so each
 * controller is registered once and a new controller gets the prefixed form without doing anything; the
 * name travels in the request context to the upstream client, which picks that upstream.
 */
const PREFIXED = /^\/(managers|analyzers)\/([^/?#]+)(\/[^?#]+)(\?.*)?$/;

const SELECTIONS = new WeakMap<object, UpstreamSelection>();

/** The rewritten url, or undefined when `url` has no upstream prefix. */
export function stripUpstreamPrefix(url: string): { url: string; upstream: UpstreamSelection } | undefined {
  const match = PREFIXED.exec(url);
  if (!match) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(match[2]);
  } catch {
    return undefined;
  }
  return {
    url: `${match[3]}${match[4] ?? ''}`,
    upstream: { product: match[1] === 'managers' ? 'fmg' : 'faz', name },
  };
}

/** For Fastify's `rewriteUrl`, which sees the raw request before any hook: remembered per raw request. */
export function rewriteUpstreamUrl(raw: { url?: string }): string {
  const url = raw.url ?? '/';
  const stripped = stripUpstreamPrefix(url);
  if (!stripped) return url;
  SELECTIONS.set(raw, stripped.upstream);
  return stripped.url;
}

export function selectedUpstream(raw: object): UpstreamSelection | undefined {
  return SELECTIONS.get(raw);
}

/**
 * A `Location` the routes set (`/tasks/7`, `/adoms/root/scripts/s1`) is a path of the unprefixed API; under
 * `/managers/{name}/…` it must stay on that upstream, or a client following it would ask the default one.
 */
export function locationOnUpstream(location: string, upstream: UpstreamSelection): string {
  if (!location.startsWith('/') || /^\/(managers|analyzers)\//.test(location)) return location;
  const prefix = upstream.product === 'fmg' ? 'managers' : 'analyzers';
  return `/${prefix}/${encodeURIComponent(upstream.name)}${location}`;
}

/** `*` patterns, as the ADOM allow-lists have. */
export function nameAllowed(patterns: readonly string[] | undefined, name: string): boolean {
  if (patterns === undefined) return true;
  return patterns.some(
    (p) =>
      p === '*' ||
      p === name ||
      (p.includes('*') &&
        new RegExp(
          `^${p
            .split('*')
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        ).test(name)),
  );
}
