import { describe, expect, it } from "vitest";
import type { Touch } from "../../src/core/model";
import { isCountedTouch } from "../../src/core/touches";

const t = (p: Partial<Touch>): Touch => ({
  id: "x",
  leadId: 1,
  at: 0,
  userId: 7,
  channel: "call",
  direction: "out",
  completed: null,
  ...p,
});

describe("isCountedTouch (docs/metrics.md Touches)", () => {
  it.each([
    ["outgoing call, connected", { channel: "call", direction: "out", completed: true }, true],
    ["outgoing call, not connected", { channel: "call", direction: "out", completed: false }, true],
    ["incoming call, answered", { channel: "call", direction: "in", completed: true }, true],
    ["incoming call, missed", { channel: "call", direction: "in", completed: false }, false],
    ["outgoing e-mail", { channel: "email", direction: "out" }, true],
    ["incoming e-mail", { channel: "email", direction: "in" }, false],
    ["outgoing chat message", { channel: "chat", direction: "out" }, true],
    ["incoming chat message", { channel: "chat", direction: "in" }, false],
    ["outgoing SMS", { channel: "sms", direction: "out" }, true],
    ["incoming SMS", { channel: "sms", direction: "in" }, false],
    ["meeting held", { channel: "meeting", direction: "out", completed: true }, true],
    ["meeting held (logged as incoming)", { channel: "meeting", direction: "in", completed: true }, true],
    ["meeting not held", { channel: "meeting", direction: "out", completed: false }, false],
    ["meeting, unknown", { channel: "meeting", direction: "out", completed: null }, false],
    ["a robot's outgoing call", { channel: "call", direction: "out", userId: 0 }, false],
    ["a robot's e-mail", { channel: "email", direction: "out", userId: 0 }, false],
  ] as const)("%s → %s", (_name, p, expected) => {
    expect(isCountedTouch(t(p))).toBe(expected);
  });
});
