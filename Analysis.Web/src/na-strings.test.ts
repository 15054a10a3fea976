import { describe, expect, it } from "vitest";
import { DEFAULT_CODES_TEXT, DEFAULT_NA_STRINGS, describeNaStrings, parseNaStrings } from "./na-strings";

describe("parseNaStrings", () => {
  it("gives the service's default for the codes the form starts with", () => {
    expect(parseNaStrings(DEFAULT_CODES_TEXT, true)).toEqual({ naStrings: [...DEFAULT_NA_STRINGS], errors: [] });
  });

  it("splits at commas, trims, drops empty and repeated codes, and adds the empty cell when asked", () => {
    expect(parseNaStrings(" NA, -99 ,, ., NA", true).naStrings).toEqual(["", "NA", "-99", "."]);
    expect(parseNaStrings("-99", false).naStrings).toEqual(["-99"]);
    expect(parseNaStrings("", false).naStrings).toEqual([]);
  });

  it("says what is past the API's bounds: 20 codes, 20 characters each", () => {
    expect(parseNaStrings("x".repeat(21), true).errors).toEqual([`A code has at most 20 characters: ${"x".repeat(21)}.`]);
    const twenty = Array.from({ length: 20 }, (_, i) => `c${i}`).join(",");
    expect(parseNaStrings(twenty, false).errors).toEqual([]);
    expect(parseNaStrings(twenty, true).errors).toEqual(["At most 20 codes (an empty cell counts as one); there are 21."]);
  });
});

describe("describeNaStrings", () => {
  it("names the empty cell", () => {
    expect(describeNaStrings(["", "NA", "-99"])).toBe("empty cells, NA, -99");
    expect(describeNaStrings([])).toBe("none");
  });
});
