/** Utilities, Session and Logger, checked against values known independently of the runtime. */
import { describe, expect, it } from "vitest";
import { makeRuntime, T0 } from "./helpers";

function hex(bytes: number[]): string {
  return bytes.map((b) => (b & 0xff).toString(16).padStart(2, "0")).join("");
}

describe("Utilities", () => {
  it("formats dates in a time zone with SimpleDateFormat letters", () => {
    const rt = makeRuntime();
    expect(
      rt.js(`var d = new Date(Date.UTC(2025, 2, 9, 21, 5, 7));
        [Utilities.formatDate(d, "Europe/Moscow", "yyyy-MM-dd HH:mm:ss"),
         Utilities.formatDate(d, "UTC", "dd.MM.yy h:mm a"),
         Utilities.formatDate(d, "Asia/Yekaterinburg", "EEE, d MMM yyyy HH:mm Z"),
         Utilities.formatDate(d, "Europe/Moscow", "yyyy-MM-dd'T'HH:mm:ssXXX")]`),
    ).toEqual([
      "2025-03-10 00:05:07",
      "09.03.25 9:05 PM",
      "Mon, 10 Mar 2025 02:05 +0500",
      "2025-03-10T00:05:07+03:00",
    ]);
  });

  it("computes digests and HMACs as signed byte arrays (known test vectors)", () => {
    const rt = makeRuntime();
    const [sha, hmac] = rt.js<number[][]>(`[
      Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, "abc"),
      Utilities.computeHmacSha256Signature("The quick brown fox jumps over the lazy dog", "key")]`);
    expect(hex(sha!)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha![0]).toBe(-70);
    expect(hex(hmac!)).toBe("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });

  it("base64-encodes UTF-8 and decodes to bytes; blobs and CSV", () => {
    const rt = makeRuntime();
    expect(
      rt.js(`[Utilities.base64Encode("Привет"),
        Utilities.newBlob(Utilities.base64Decode("0J/RgNC40LLQtdGC")).getDataAsString(),
        Utilities.base64EncodeWebSafe([251, 255]),
        Utilities.parseCsv('a,"b,c"\\n"d ""q""",e')]`),
    ).toEqual([
      "0J/RgNC40LLQtdGC",
      "Привет",
      "-_8=",
      [
        ["a", "b,c"],
        ['d "q"', "e"],
      ],
    ]);
    expect(rt.js(`Utilities.getUuid()`)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("sleeps on the runtime's clock, which the script's Date follows", () => {
    const rt = makeRuntime();
    expect(rt.js(`var a = Date.now(); Utilities.sleep(1500); [a, Date.now(), new Date().getTime()]`)).toEqual(
      [T0, T0 + 1500, T0 + 1500],
    );
  });
});

describe("Session and Logger", () => {
  it("reports the script time zone, the user's language and e-mail", () => {
    const rt = makeRuntime("", { userEmail: "rop@acme.ru" });
    expect(
      rt.js(`[Session.getScriptTimeZone(), Session.getActiveUserLocale(), Session.getEffectiveUser().getEmail(),
        SpreadsheetApp.getActive().getSpreadsheetTimeZone()]`),
    ).toEqual(["Europe/Moscow", "ru", "rop@acme.ru", "Europe/Moscow"]);
  });

  it("records Logger and console lines", () => {
    const rt = makeRuntime();
    rt.js(`Logger.log("synced %s leads", 12); console.warn("slow page", { page: 3 });`);
    expect(rt.logs.map((l) => [l.level, l.message])).toEqual([
      ["Logger", "synced 12 leads"],
      ["warn", "slow page { page: 3 }"],
    ]);
  });
});
