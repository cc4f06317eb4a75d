/**
 * The parts of zod the add-on's schemas use, by name. `import * as z from "…/core/schema/zod"` reads like zod's
 * own `z`, but zod's `z` is a namespace object: importing it makes the bundle build that object
 * (~1,000 getters over zod's nested namespaces) and keep all of zod with every locale, run at the
 * start of every Apps Script execution. Named bindings let esbuild keep only what is used and
 * create no namespace (a bundle of a small schema: 157 KB instead of 797 KB, 0.5 ms to load
 * instead of 3 ms). Messages stay English: zod sets its English locale when the first schema is
 * built. Add a name here when a schema needs another zod function.
 */

export type { infer, RefinementCtx, ZodType } from "zod";
export {
  array,
  boolean,
  enum,
  literal,
  looseObject,
  number,
  object,
  record,
  string,
  union,
  unknown,
} from "zod";
