import { describe, expect, it } from "vitest";
import { classifyLead } from "../../src/core/lead-class";
import { defaultSettings } from "../../src/core/settings";

const s = defaultSettings();

describe("classifyLead", () => {
  it("kpi.md defaults: calls, chats, widgets hot; forms, e-mail, social warm; else cold", () => {
    expect(classifyLead({ channel: "call", source: null }, s)).toBe("hot");
    expect(classifyLead({ channel: "Chat", source: null }, s)).toBe("hot");
    expect(classifyLead({ channel: "WIDGET", source: null }, s)).toBe("hot");
    expect(classifyLead({ channel: "form", source: null }, s)).toBe("warm");
    expect(classifyLead({ channel: " Email ", source: null }, s)).toBe("warm");
    expect(classifyLead({ channel: "social", source: null }, s)).toBe("warm");
    expect(classifyLead({ channel: "walk-in", source: null }, s)).toBe("cold");
    expect(classifyLead({ channel: null, source: "call" }, s)).toBe("cold");
  });

  it("the first matching rule wins, over channel or source", () => {
    const rules = {
      classRules: [
        { field: "source" as const, values: ["Partner"], class: "cold" as const },
        { field: "channel" as const, values: ["call"], class: "hot" as const },
      ],
      defaultClass: "warm" as const,
    };
    expect(classifyLead({ channel: "call", source: "partner" }, rules)).toBe("cold");
    expect(classifyLead({ channel: "call", source: "ads" }, rules)).toBe("hot");
    expect(classifyLead({ channel: "form", source: null }, rules)).toBe("warm");
  });
});
