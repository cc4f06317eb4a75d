/**
 * Utilities: sleep on the runtime's clock (it counts toward the execution's 6 minutes, as in Apps
 * Script), formatDate, base64, digests and HMACs through node:crypto (signed byte arrays as Apps
 * Script returns them), UUIDs, blobs, CSV parsing, formatString.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { types } from "node:util";
import type { RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, enumOf, gas, integer, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import { assertTimeZone } from "../spreadsheet/time-zone";
import { dataToBuffer, encodingOf, FakeBlob, toSignedBytes } from "./blob";
import { formatDate } from "./format-date";

type GUtilities = GoogleAppsScript.Utilities.Utilities;
type GU = typeof GoogleAppsScript.Utilities;

const UTILITIES = meta("utilities", "Utilities");

export const UTILITIES_ENUMS = {
  Charset: enumOf(["US_ASCII", "UTF_8"]),
  DigestAlgorithm: enumOf(["MD2", "MD5", "SHA_1", "SHA_256", "SHA_384", "SHA_512"]),
  MacAlgorithm: enumOf(["HMAC_MD5", "HMAC_SHA_1", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"]),
  RsaAlgorithm: enumOf(["RSA_SHA_1", "RSA_SHA_256"]),
} as const;

const NODE_HASH: Record<string, string> = {
  MD2: "md2",
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
  HMAC_MD5: "md5",
  HMAC_SHA_1: "sha1",
  HMAC_SHA_256: "sha256",
  HMAC_SHA_384: "sha384",
  HMAC_SHA_512: "sha512",
};

/** Documented maximum of Utilities.sleep (5 minutes). */
const MAX_SLEEP_MS = 300_000;

type Implemented =
  | keyof typeof UTILITIES_ENUMS
  | "base64Decode"
  | "base64DecodeWebSafe"
  | "base64Encode"
  | "base64EncodeWebSafe"
  | "computeDigest"
  | "computeHmacSha256Signature"
  | "computeHmacSignature"
  | "formatDate"
  | "formatString"
  | "getUuid"
  | "newBlob"
  | "parseCsv"
  | "sleep";

export class FakeUtilities implements Pick<GUtilities, Implemented> {
  readonly [FAKE] = UTILITIES;
  readonly Charset = UTILITIES_ENUMS.Charset as unknown as GU["Charset"];
  readonly DigestAlgorithm = UTILITIES_ENUMS.DigestAlgorithm as unknown as GU["DigestAlgorithm"];
  readonly MacAlgorithm = UTILITIES_ENUMS.MacAlgorithm as unknown as GU["MacAlgorithm"];
  readonly RsaAlgorithm = UTILITIES_ENUMS.RsaAlgorithm as unknown as GU["RsaAlgorithm"];

  constructor(private readonly env: RuntimeEnv) {}

  sleep(milliseconds: number): void {
    const ms = integer(milliseconds, "Utilities.sleep");
    if (ms > MAX_SLEEP_MS) fail(MSG.sleepTooLong);
    this.env.clock.sleep(Math.max(0, ms));
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!types.isDate(date)) fail(MSG.badSignature(typeof date, "Utilities.formatDate"));
    try {
      assertTimeZone(timeZone);
    } catch {
      fail(`Invalid argument: ${timeZone}`); // [assumed]
    }
    return formatDate((date as unknown as Date).getTime(), timeZone, str(format));
  }
  /** printf-style %s %d %f %.Nf %%, as Java's String.format for the common cases. */
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return str(template).replace(
      /%(\.(\d+))?([sdf%])/g,
      (_, _p, digits: string | undefined, conv: string) => {
        if (conv === "%") return "%";
        const v = args[i++];
        if (conv === "d") return String(Math.trunc(Number(v)));
        if (conv === "f") return Number(v).toFixed(digits === undefined ? 6 : Number(digits));
        return str(v);
      },
    );
  }
  base64Encode(data: unknown, charset?: GoogleAppsScript.Utilities.Charset): string {
    return dataToBuffer(data, charset).toString("base64");
  }
  base64EncodeWebSafe(data: unknown, charset?: GoogleAppsScript.Utilities.Charset): string {
    return dataToBuffer(data, charset).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }
  base64Decode(encoded: string, charset?: GoogleAppsScript.Utilities.Charset): number[] {
    void charset;
    return toSignedBytes(Buffer.from(str(encoded), "base64"));
  }
  base64DecodeWebSafe(encoded: string, charset?: GoogleAppsScript.Utilities.Charset): number[] {
    void charset;
    return toSignedBytes(Buffer.from(str(encoded).replace(/-/g, "+").replace(/_/g, "/"), "base64"));
  }
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: unknown,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    const alg = NODE_HASH[String(algorithm)];
    if (!alg) fail(MSG.badSignature(String(algorithm), "Utilities.computeDigest"));
    return toSignedBytes(createHash(alg).update(dataToBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(
    value: unknown,
    key: unknown,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    return this.computeHmacSignature(
      "HMAC_SHA_256" as unknown as GoogleAppsScript.Utilities.MacAlgorithm,
      value,
      key,
      charset,
    );
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: unknown,
    key: unknown,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    const alg = NODE_HASH[String(algorithm)];
    if (!alg) fail(MSG.badSignature(String(algorithm), "Utilities.computeHmacSignature"));
    return toSignedBytes(
      createHmac(alg, dataToBuffer(key, charset)).update(dataToBuffer(value, charset)).digest(),
    );
  }
  getUuid(): string {
    return randomUUID();
  }
  newBlob(data: unknown, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    const bytes = typeof data === "string" ? Buffer.from(data, encodingOf("UTF_8")) : dataToBuffer(data);
    return gas(new FakeBlob(bytes, contentType ?? null, name ?? null));
  }
  /** RFC 4180: quoted fields, doubled quotes, newlines inside quotes. */
  parseCsv(csv: string, delimiter?: string): string[][] {
    const d = delimiter ?? ",";
    const text = str(csv);
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === d) {
        row.push(field);
        field = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
      } else field += ch;
    }
    if (field !== "" || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows;
  }
}

export type _FakeUtilitiesCheck = NoExtraMembers<ExtraMembers<FakeUtilities, GUtilities>>;
