import { describe, expect, it } from "vitest";
import type { ResultOf } from "./analyses/analysis";
import { heatCells } from "./analyses/correlation";
import { boxes } from "./analyses/descriptive";
import { regressionPicture } from "./analyses/regression";
import { tukeyIntervals } from "./analyses/tukey";
import { forestRows, groupMeans } from "./charts";

describe("heatCells", () => {
  it("makes one cell per pair of columns, null where r is undefined", () => {
    const cells = heatCells({ type: "correlation", method: "pearson", columns: ["x", "k"], matrix: [[1, null], [null, 1]], pValues: [[0, null], [null, 0]], n: 4 } as ResultOf<"correlation">);
    expect(cells).toEqual([
      { row: "x", column: "x", r: 1 },
      { row: "x", column: "k", r: null },
      { row: "k", column: "x", r: null },
      { row: "k", column: "k", r: 1 },
    ]);
  });
});

describe("boxes", () => {
  it("takes each column's five numbers, leaving out a column without them", () => {
    const result = {
      type: "descriptive",
      columns: {
        extra: { count: 20, missing: 0, mean: 1.54, std: 2.018, min: -1.6, q1: -0.025, median: 0.95, q3: 3.4, max: 5.5 },
        empty: { count: 0, missing: 20, mean: null, std: null, min: null, q1: null, median: null, q3: null, max: null },
      },
      n: 20,
    } as ResultOf<"descriptive">;
    expect(boxes(result)).toEqual([{ column: "extra", min: -1.6, q1: -0.025, median: 0.95, q3: 3.4, max: 5.5 }]);
  });
});

describe("groupMeans", () => {
  it("gives each group's mean with R's 95% interval", () => {
    const result = { type: "anova", column: "extra", groupBy: "group", groups: [{ name: "1", n: 10, mean: 0.75, std: 1.7890096577591 }, { name: "2", n: 1, mean: 3, std: null }] } as ResultOf<"anova">;
    const [first, ...rest] = groupMeans(result);
    // R: t.test(sleep$extra[1:10])$conf.int = -0.5297804 2.0297804
    expect(first!.group).toBe("1");
    expect(first!.low).toBeCloseTo(-0.5297804, 6);
    expect(first!.high).toBeCloseTo(2.0297804, 6);
    expect(rest).toEqual([]);
  });
});

describe("regressionPicture", () => {
  const coefficient = (term: string, estimate: number) => ({ term, estimate, stdError: 0, tStatistic: 0, pValue: 0 });
  const sample = { x: [1, 2, 3, null, 4, 5], z: [2, 1, 4, 9, 3, 6], y: [2.1, 3.9, 6.2, 1, 7.8, 10.1] };

  it("draws one predictor's points and the fitted line across their range, leaving out a row with a missing value", () => {
    // R: coef(lm(y ~ x)) for x = 1:5, y = c(2.1, 3.9, 6.2, 7.8, 10.1) is 0.05, 1.99.
    const r = { type: "regression", dependent: "y", independents: ["x"], coefficients: [coefficient("(Intercept)", 0.05), coefficient("x", 1.99)] } as ResultOf<"regression">;
    const picture = regressionPicture(r, sample)!;
    expect(picture.kind).toBe("line");
    expect(picture.points).toHaveLength(5);
    expect(picture.line[0]).toEqual({ x: 1, y: 2.04 });
    expect(picture.line[1].x).toBe(5);
    expect(picture.line[1].y).toBeCloseTo(10, 12);
  });

  it("draws several predictors' residuals against the fitted values, as R's residuals() and fitted() give them", () => {
    // R: m <- lm(y ~ x + z); coef(m) = 0.0216666666666686, 1.8483333333333325, 0.1416666666666672;
    // fitted(m) = 2.15333333333333 3.86 6.13333333333333 7.84 10.11333333333333;
    // residuals(m) = -0.0533333333333326 0.0399999999999994 0.0666666666666659 -0.0399999999999994 -0.0133333333333333.
    const r = {
      type: "regression",
      dependent: "y",
      independents: ["x", "z"],
      coefficients: [coefficient("(Intercept)", 0.0216666666666686), coefficient("x", 1.8483333333333325), coefficient("z", 0.1416666666666672)],
    } as ResultOf<"regression">;
    const picture = regressionPicture(r, sample)!;
    expect(picture.kind).toBe("residuals");
    const fitted = [2.15333333333333, 3.86, 6.13333333333333, 7.84, 10.11333333333333];
    const residuals = [-0.0533333333333326, 0.0399999999999994, 0.0666666666666659, -0.0399999999999994, -0.0133333333333333];
    picture.points.forEach((p, i) => {
      expect(p.x).toBeCloseTo(fitted[i]!, 12);
      expect(p.y).toBeCloseTo(residuals[i]!, 12);
    });
    expect(picture.line).toEqual([
      { x: picture.points[0]!.x, y: 0 },
      { x: picture.points[4]!.x, y: 0 },
    ]);
  });

  it("draws nothing for a regression that was not computed", () => {
    expect(regressionPicture({ type: "regression", error: "x is constant", dependent: "y", independents: ["x"] } as ResultOf<"regression">, sample)).toBeNull();
  });
});

describe("tukeyIntervals", () => {
  it("takes each pair as b − a with its interval", () => {
    // R: TukeyHSD(aov(mpg ~ factor(cyl), mtcars)): 6-4 diff -6.9207792, lwr -10.7693498, upr -3.0722086
    const r = {
      type: "tukey",
      comparisons: [{ groups: ["4", "6"], difference: -6.9207792, confidenceInterval: [-10.7693498, -3.0722086], pValue: 0.00034 }],
    } as ResultOf<"tukey">;
    expect(tukeyIntervals(r)).toEqual([{ pair: "6 − 4", difference: -6.9207792, low: -10.7693498, high: -3.0722086 }]);
  });
});

describe("forestRows", () => {
  it("takes each effect size with a finite interval, labelled by its analysis's number, and leaves out the others", () => {
    expect(
      forestRows([
        { effectSizes: [{ name: "Cohen's d", estimate: -1.48, confidenceInterval: [-2.27, -0.67] }, { name: "Hedges' g", estimate: -1.44, confidenceInterval: [-2.21, -0.65] }] },
        { error: "Not computable" },
        { effectSizes: [{ name: "Epsilon2 (rank)", estimate: 0.83, confidenceInterval: [null, null] }] },
        {},
        { effectSizes: [{ name: "Eta2", estimate: 0.73, confidenceInterval: [0.57, 1] }] },
      ]),
    ).toEqual([
      { name: "1. Cohen's d", estimate: -1.48, low: -2.27, high: -0.67 },
      { name: "1. Hedges' g", estimate: -1.44, low: -2.21, high: -0.65 },
      { name: "5. Eta2", estimate: 0.73, low: 0.57, high: 1 },
    ]);
  });
});
