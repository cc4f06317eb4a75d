/**
 * Method + path → handler. Pattern segments: literal, `:name` (digits only, entity ids) or `{name}`
 * (any segment, e.g. string event ids). A path that exists under another method is told apart, so the
 * server can answer 405 rather than 404.
 */
export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: Record<string, string> }
  | { kind: "wrong-method"; allow: string[] }
  | { kind: "none" };

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

function matchSegments(pattern: string[], path: string[]): Record<string, string> | null {
  if (pattern.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = path[i]!;
    if (p.startsWith(":")) {
      if (!/^\d+$/.test(s)) return null;
      params[p.slice(1)] = s;
    } else if (p.startsWith("{") && p.endsWith("}")) {
      if (s === "") return null;
      params[p.slice(1, -1)] = s;
    } else if (p !== s) {
      return null;
    }
  }
  return params;
}

const split = (path: string) => path.split("/").filter((s, i) => i > 0 || s !== "");

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  /** `pathname` without query; one trailing slash is ignored (the users sample links `/users/`). */
  match(method: string, pathname: string): RouteMatch<H> {
    const path = split(pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname);
    const allow: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, path);
      if (!params) continue;
      if (route.method === method) return { kind: "found", handler: route.handler, params };
      allow.push(route.method);
    }
    return allow.length > 0 ? { kind: "wrong-method", allow } : { kind: "none" };
  }
}
