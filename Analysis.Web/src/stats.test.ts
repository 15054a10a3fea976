import { describe, expect, it } from "vitest";
import { meanInterval, studentQuantile } from "./stats";

describe("studentQuantile", () => {
  it("matches R's qt(0.975, df)", () => {
    // R 4.x: qt(0.975, c(1, 2, 5, 9, 30, 100))
    const expected: [number, number][] = [[1, 12.70620473617], [2, 4.30265272975], [5, 2.57058183564], [9, 2.2621571628], [30, 2.0422724563], [100, 1.98397151852]];
    for (const [df, q] of expected) expect(studentQuantile(0.975, df)).toBeCloseTo(q, 9);
  });
  it("is symmetric", () => {
    expect(studentQuantile(0.025, 9)).toBeCloseTo(-2.2621571628, 9);
  });
});

describe("meanInterval", () => {
  it("gives R's t.test interval for one group's mean", () => {
    // R: t.test(sleep$extra[1:10])$conf.int = -0.5297804 2.0297804 (mean 0.75, sd 1.78901, n 10)
    const [low, high] = meanInterval(0.75, 1.7890096577591, 10)!;
    expect(low).toBeCloseTo(-0.5297804, 6);
    expect(high).toBeCloseTo(2.0297804, 6);
  });
  it("has no interval for a single value", () => {
    expect(meanInterval(1, 0, 1)).toBeNull();
  });
});
