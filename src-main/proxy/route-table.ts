import type { Route } from '../contract/index.js';

export interface RouteTarget {
  protocol: 'http:' | 'https:';
  host: string;
  port: number;
  /** path (with query) to request upstream */
  path: string;
  /** the route that matched, for the UI */
  prefix: string;
}

interface CompiledRoute {
  prefix: string;
  segments: string[];
  target: string;
}

const HOST_SEGMENT = '{host}';
const VALID_HOST = /^[A-Za-z0-9.-]+(:\d+)?$/;

/**
 * Base-URL routes (`OPENAI_BASE_URL=http://127.0.0.1:8080/openai/v1`): plain data from the config, resolved by matching
 * path segments. Longer prefixes win, so a user's `/openai/eu` route can sit beside the default `/openai`.
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes
      .map((r) => ({ prefix: r.prefix, segments: r.prefix.split('/').filter(Boolean), target: r.target }))
      .sort((a, b) => b.segments.length - a.segments.length);
  }

  resolve(pathWithQuery: string): RouteTarget | null {
    const q = pathWithQuery.indexOf('?');
    const path = q === -1 ? pathWithQuery : pathWithQuery.slice(0, q);
    const query = q === -1 ? '' : pathWithQuery.slice(q);
    const parts = path.split('/');
    // parts[0] is '' for an absolute path
    for (const route of this.routes) {
      let host: string | null = null;
      let ok = parts.length > route.segments.length;
      for (let i = 0; ok && i < route.segments.length; i++) {
        const want = route.segments[i] as string;
        const got = parts[i + 1] ?? '';
        if (want === HOST_SEGMENT) {
          if (!VALID_HOST.test(got)) ok = false;
          else host = got;
        } else if (want !== got) ok = false;
      }
      if (!ok) continue;
      const rest = '/' + parts.slice(route.segments.length + 1).join('/');
      const target = new URL(host ? route.target.replace(HOST_SEGMENT, host) : route.target);
      const base = target.pathname.replace(/\/$/, '');
      const protocol = target.protocol === 'http:' ? 'http:' : 'https:';
      return {
        protocol,
        host: target.hostname,
        port: target.port ? Number(target.port) : protocol === 'https:' ? 443 : 80,
        path: `${base}${rest === '/' && base ? '' : rest}${query}` || '/',
        prefix: route.prefix,
      };
    }
    return null;
  }

  /**
   * The proxy path a client would have called to reach `upstreamUrl` through a route (to resend a base-URL exchange
   * the way it was sent), or null when no route leads there. Named routes are preferred to `{host}` ones, and a
   * candidate counts only if resolving it leads back to the same URL (a longer prefix may shadow it).
   */
  reverse(upstreamUrl: string): string | null {
    let u: URL;
    try {
      u = new URL(upstreamUrl);
    } catch {
      return null;
    }
    const defaultPort = u.protocol === 'https:' ? 443 : 80;
    const port = u.port ? Number(u.port) : defaultPort;
    const want = `${u.protocol}//${u.hostname}:${port}${u.pathname}${u.search}`;
    const ordered = [...this.routes].sort((a, b) => Number(a.prefix.includes(HOST_SEGMENT)) - Number(b.prefix.includes(HOST_SEGMENT)));
    for (const route of ordered) {
      const prefix = route.prefix.replace(HOST_SEGMENT, u.host);
      const target = new URL(route.target.replace(HOST_SEGMENT, u.host));
      const base = target.pathname.replace(/\/$/, '');
      if (!u.pathname.startsWith(base) || (base !== '' && u.pathname.length > base.length && u.pathname[base.length] !== '/')) continue;
      const candidate = `${prefix}${u.pathname.slice(base.length)}${u.search}`;
      const back = this.resolve(candidate);
      if (back && `${back.protocol}//${back.host}:${back.port}${back.path}` === want) return candidate;
    }
    return null;
  }

  list(): { prefix: string; target: string }[] {
    return this.routes.map((r) => ({ prefix: r.prefix, target: r.target }));
  }
}
