/**
 * A zod schema of the parts of appsscript.json this add-on uses, stricter than SchemaStore's
 * (whose `format: hostname` rejects valid allowlist prefixes — apps-script.md §2.1/§2.2).
 */
import { z } from "zod";

/** Google's allowlist rules: https only, a host and a non-empty path, at most one leading "*." */
const allowlistEntry = z
  .string()
  .regex(
    /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/.*$/,
    "an https:// prefix with a host and a path, e.g. https://*.amocrm.ru/",
  );

export const REQUIRED_SCOPES = [
  "https://www.googleapis.com/auth/spreadsheets",
  "https://www.googleapis.com/auth/script.container.ui",
  "https://www.googleapis.com/auth/script.external_request",
  "https://www.googleapis.com/auth/script.scriptapp",
  "https://www.googleapis.com/auth/script.send_mail",
] as const;

export const REQUIRED_URL_PREFIXES = [
  "https://*.amocrm.ru/",
  "https://*.amocrm.com/",
  "https://*.kommo.com/",
] as const;

export const manifestSchema = z
  .object({
    timeZone: z.string().min(1),
    runtimeVersion: z.literal("V8"),
    exceptionLogging: z.enum(["NONE", "STACKDRIVER"]).optional(),
    oauthScopes: z
      .array(z.string().startsWith("https://www.googleapis.com/auth/"))
      .refine((s) => REQUIRED_SCOPES.every((r) => s.includes(r)), {
        message: `must list every scope the features need: ${REQUIRED_SCOPES.join(", ")}`,
      })
      .refine((s) => new Set(s).size === s.length, { message: "duplicate scope" }),
    urlFetchWhitelist: z
      .array(allowlistEntry)
      .refine((u) => REQUIRED_URL_PREFIXES.every((r) => u.includes(r)), {
        message: `must allow ${REQUIRED_URL_PREFIXES.join(", ")}`,
      }),
    dependencies: z
      .object({
        enabledAdvancedServices: z
          .array(z.object({ userSymbol: z.string(), serviceId: z.string(), version: z.string() }).strict())
          .optional(),
        libraries: z.array(z.unknown()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;
