/**
 * JWT-shaped token strings. Real access and long-lived tokens are JWTs whose `exp` the SDK reads
 * [DOC][SDK] (amocrm-api.md §2.2–2.3); the sandbox signs nothing (the signature part is random) and
 * recognises its tokens by lookup, so the string is opaque to it.
 */
import { randomBytes, randomUUID } from "node:crypto";

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export interface JwtClaims {
  aud: string;
  iat: number;
  exp: number;
  /** The user the token acts for. */
  sub: string;
  account_id: number;
}

export function jwtShapedToken(claims: JwtClaims): string {
  const header = { typ: "JWT", alg: "RS256" };
  const payload = {
    aud: claims.aud,
    jti: randomUUID(),
    iat: claims.iat,
    nbf: claims.iat,
    exp: claims.exp,
    sub: claims.sub,
    account_id: claims.account_id,
    scopes: ["crm"],
  };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${randomBytes(32).toString("base64url")}`;
}

/** Refresh tokens and codes look like amoCRM's long hex strings (league/oauth2-server prefix) [OBS]. */
export function opaqueToken(bytes: number): string {
  return `def50200${randomBytes(bytes).toString("hex")}`;
}
