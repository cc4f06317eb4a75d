/** An HttpPort that calls a FakeAmo directly on a virtual clock (each exchange takes `latencyMs`). */
import { type HttpPort, type HttpRequest, type HttpResponse, NetworkError } from "../../../src/amo/http";
import type { FakeAmo, FakeReply } from "./fake-amo";
import type { VirtualClock } from "./virtual-clock";

export interface InProcessHttp extends HttpPort {
  /** Sizes of the batches sent (1 for fetch). */
  batches: number[];
  /** Every URL requested. */
  urls: string[];
}

export function inProcessHttp(fake: FakeAmo, clock: VirtualClock, latencyMs = 20): InProcessHttp {
  const batches: number[] = [];
  const urls: string[] = [];
  const one = (req: HttpRequest, at: number): FakeReply => {
    urls.push(req.url);
    const headers = { ...(req.headers ?? {}) };
    if (req.contentType) headers["content-type"] = req.contentType;
    return fake.handle({ method: req.method, url: req.url, headers, body: req.payload }, at);
  };
  const settle = (replies: FakeReply[]): HttpResponse[] => {
    const hang = replies.includes("hang");
    clock.advance(hang ? 30_000 : latencyMs);
    if (hang) throw new NetworkError("timeout", "Timeout: fake");
    if (replies.includes("drop")) throw new NetworkError("reset", "Connection reset: fake");
    return replies as HttpResponse[];
  };
  return {
    batches,
    urls,
    fetch(req) {
      batches.push(1);
      return settle([one(req, clock.now())])[0]!;
    },
    fetchAll(reqs) {
      batches.push(reqs.length);
      const at = clock.now();
      return settle(reqs.map((r) => one(r, at)));
    },
  };
}
