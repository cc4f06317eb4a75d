/** The token endpoint and the error body. */
import { lazySchema } from "../../core/schema/lazy";
import * as z from "../../core/schema/zod";

/** `POST /oauth2/access_token` answer [DOC oauth/step-by-step; sample oauth_token_response.json]. */
export const tokenResponseSchema = lazySchema(() =>
  z.looseObject({
    token_type: z.string(),
    expires_in: z.number().positive(),
    server_time: z.number().optional(),
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
  }),
);
export type ApiTokenResponse = z.infer<typeof tokenResponseSchema>;

/** The request bodies we send (checked against the docs' samples in the tests). */
export interface TokenRequestBody {
  client_id: string;
  client_secret: string;
  grant_type: "authorization_code" | "refresh_token";
  code?: string;
  refresh_token?: string;
  redirect_uri: string;
}

/**
 * application/problem+json [DOC §4.2; samples error_*.json]: `retry_after` on 429, `trace_id` on
 * 500, `validation-errors` on 400. The 500 sample has no `type`.
 */
export const problemSchema = lazySchema(() =>
  z.looseObject({
    title: z.string(),
    type: z.string().optional(),
    status: z.number(),
    detail: z.string().optional(),
    "validation-errors": z
      .array(
        z.looseObject({
          request_id: z.string().optional(),
          errors: z.array(z.looseObject({ code: z.string(), path: z.string(), detail: z.string() })),
        }),
      )
      .optional(),
    retry_after: z.number().optional(),
    trace_id: z.string().optional(),
  }),
);
export type ApiProblem = z.infer<typeof problemSchema>;
