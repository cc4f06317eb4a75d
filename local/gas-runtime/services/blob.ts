/**
 * Blob and Apps Script's byte arrays. Apps Script bytes are Java bytes: plain arrays of numbers in
 * -128..127 (a SHA-256 digest is 32 such numbers), which is what Utilities and getContent return.
 */
import { fail } from "../errors";
import { type ExtraMembers, gas, INTERNAL, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";

type GBlob = GoogleAppsScript.Base.Blob;
const BLOB = meta("base", "Blob");

export function toSignedBytes(buf: Uint8Array): number[] {
  const out = new Array<number>(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i]! > 127 ? buf[i]! - 256 : buf[i]!;
  return out;
}

/** Apps Script byte array (signed or not) → Buffer. */
export function fromBytes(bytes: readonly number[]): Buffer {
  return Buffer.from(bytes.map((b) => b & 0xff));
}

/** A string or byte-array argument (Utilities' overloads) → Buffer. */
export function dataToBuffer(data: unknown, charset?: unknown): Buffer {
  if (typeof data === "string") return Buffer.from(data, encodingOf(charset));
  if (Array.isArray(data)) return fromBytes(data as number[]);
  if (data && typeof (data as { getBytes?: unknown }).getBytes === "function") {
    return fromBytes((data as { getBytes(): number[] }).getBytes());
  }
  return Buffer.from(str(data), "utf8");
}

/** Utilities.Charset.US_ASCII / UTF_8 and charset names → Node encodings. */
export function encodingOf(charset: unknown): BufferEncoding {
  const c = str(charset).toUpperCase().replace(/-/g, "_");
  if (c === "US_ASCII" || c === "ASCII") return "ascii";
  if (c === "ISO_8859_1" || c === "LATIN1") return "latin1";
  return "utf8";
}

const EXT_TYPES: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  json: "application/json",
  csv: "text/csv",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  xml: "text/xml",
  zip: "application/zip",
};

interface BlobState {
  bytes: Buffer;
  contentType: string | null;
  name: string | null;
}

type Implemented =
  | "copyBlob"
  | "getAs"
  | "getBlob"
  | "getBytes"
  | "getContentType"
  | "getDataAsString"
  | "getName"
  | "isGoogleType"
  | "setBytes"
  | "setContentType"
  | "setContentTypeFromExtension"
  | "setDataFromString"
  | "setName";

export class FakeBlob implements Pick<GBlob, Implemented> {
  readonly [FAKE] = BLOB;
  readonly [INTERNAL]: BlobState;

  constructor(bytes: Buffer, contentType: string | null = null, name: string | null = null) {
    this[INTERNAL] = { bytes, contentType, name };
  }

  private self(): GBlob {
    return gas(this);
  }
  copyBlob(): GBlob {
    const s = this[INTERNAL];
    return gas(new FakeBlob(Buffer.from(s.bytes), s.contentType, s.name));
  }
  getBlob(): GBlob {
    return this.self();
  }
  /** Only a re-labelling of the same bytes: no format conversion is imitated. */
  getAs(contentType: string): GBlob {
    const s = this[INTERNAL];
    if (contentType !== s.contentType && !/^text\//.test(str(contentType))) {
      fail(`Converting from ${s.contentType} to ${contentType} is not supported.`); // [assumed]
    }
    return gas(new FakeBlob(Buffer.from(s.bytes), contentType, s.name));
  }
  getBytes(): number[] {
    return toSignedBytes(this[INTERNAL].bytes);
  }
  setBytes(data: number[]): GBlob {
    this[INTERNAL].bytes = fromBytes(data);
    return this.self();
  }
  getContentType(): string | null {
    return this[INTERNAL].contentType;
  }
  setContentType(contentType: string | null): GBlob {
    this[INTERNAL].contentType = contentType;
    return this.self();
  }
  setContentTypeFromExtension(): GBlob {
    const ext = /\.([^.]+)$/.exec(this[INTERNAL].name ?? "")?.[1]?.toLowerCase();
    const type = ext ? EXT_TYPES[ext] : undefined;
    if (!type) fail(`Unable to determine content type from the file name: ${this[INTERNAL].name}`); // [assumed]
    this[INTERNAL].contentType = type;
    return this.self();
  }
  getDataAsString(charset?: string): string {
    return this[INTERNAL].bytes.toString(encodingOf(charset));
  }
  setDataFromString(string: string, charset?: string): GBlob {
    this[INTERNAL].bytes = Buffer.from(str(string), encodingOf(charset));
    return this.self();
  }
  getName(): string | null {
    return this[INTERNAL].name;
  }
  setName(name: string): GBlob {
    this[INTERNAL].name = str(name);
    return this.self();
  }
  isGoogleType(): boolean {
    return false;
  }
}

export type _FakeBlobCheck = NoExtraMembers<ExtraMembers<FakeBlob, GBlob>>;
