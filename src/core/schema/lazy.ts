/**
 * Schemas built on first use instead of when the bundle loads. Apps Script runs the whole bundle's
 * top level at the start of every execution (each custom-function call, trigger, menu item and
 * sidebar call), and building zod schemas was about half of that time; most executions never parse
 * with most schemas (a KPI_MATRIX call parses none).
 *
 * `lazySchema(() => z.object(…))` returns a stand-in typed as the schema itself, so `z.infer`,
 * `.parse`, `.shape`, `.optional()`, passing it to `parseEntity` or into another schema work
 * unchanged. The first use builds the schema, once. A schema built inside another one's builder is
 * built then, still not at load.
 *
 * Properties are read from the schema through the stand-in's prototype, a Proxy, with the schema as
 * receiver: the methods zod binds on first access are bound to the schema, and its registry
 * (`.description`) sees the schema, not the stand-in. What is read often is then kept as the
 * stand-in's own property, so that it costs what it costs on the schema: `_zod` (zod's internals,
 * all a parse reads from a schema nested in another, as in `z.object({ created_at: unixSchema })`)
 * and the methods (`leadSchema.safeParse` once per lead).
 */
import { globalRegistry, type z } from "zod";

export function lazySchema<T extends z.ZodType>(build: () => T): T {
  let schema: T | undefined;
  const real = (): T => {
    if (schema === undefined) {
      schema = build();
      // zod's registry (a `.describe()` text, read by z.toJSONSchema) is keyed by the schema object;
      // a stand-in nested in another schema is what zod meets there, so it gets the same entry.
      const meta = globalRegistry.get(schema);
      if (meta) globalRegistry.add(standIn, meta);
    }
    return schema;
  };
  const forward = new Proxy({} as T, {
    get: (_, key) => {
      const s = real();
      const value = Reflect.get(s, key, s);
      // A method (bound to the schema by zod) is kept on the stand-in, as zod keeps it on the schema.
      if (typeof value === "function") {
        Object.defineProperty(standIn, key, { value, writable: true, configurable: true });
      }
      return value;
    },
    set: (_, key, value) => {
      const s = real();
      return Reflect.set(s, key, value, s);
    },
    has: (_, key) => Reflect.has(real(), key),
  });
  const standIn = Object.create(forward) as T;
  Object.defineProperty(standIn, "_zod", {
    configurable: true,
    get: () => {
      const internals = real()._zod;
      Object.defineProperty(standIn, "_zod", { value: internals });
      return internals;
    },
  });
  return standIn;
}
