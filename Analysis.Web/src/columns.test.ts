import { describe, expect, it } from "vitest";
import { histogram, histogramText, levelsText, planColumns, prettyBreaks, topLevels } from "./columns";

// R's datasets: sleep$extra, mtcars$mpg, mtcars$disp.
const MPG = [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4];
const DISP = [160, 160, 108, 258, 360, 225, 360, 146.7, 140.8, 167.6, 167.6, 275.8, 275.8, 275.8, 472, 460, 440, 78.7, 75.7, 71.1, 120.1, 318, 304, 350, 400, 79, 120.3, 95.1, 351, 145, 301, 121];
const SLEEP_EXTRA = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("prettyBreaks", () => {
  it("gives R's pretty() breaks", () => {
    // R: pretty(c(-1.6, 5.5), 6) = -2 -1 0 1 2 3 4 5 6; pretty(c(0, 1), 5) = 0 0.2 0.4 0.6 0.8 1.0;
    // pretty(c(10.4, 33.9), 6) (mtcars$mpg) = 10 15 20 25 30 35; pretty(c(1, 1000), 11) = 0 100 ... 1000
    expect(prettyBreaks(-1.6, 5.5, 6)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5, 6]);
    expect(prettyBreaks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(prettyBreaks(10.4, 33.9, 6)).toEqual([10, 15, 20, 25, 30, 35]);
    expect(prettyBreaks(1, 1000, 11)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});

describe("histogram", () => {
  it("counts as R's hist() does: Sturges' classes, pretty breaks, right-closed bins, the lowest break included", () => {
    // R: h <- hist(sleep$extra); h$breaks = -2:6; h$counts = 2 4 4 4 0 3 2 1
    const bins = histogram(SLEEP_EXTRA);
    expect(bins.map((b) => b.x0)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5]);
    expect(bins.map((b) => b.x1)).toEqual([-1, 0, 1, 2, 3, 4, 5, 6]);
    expect(bins.map((b) => b.count)).toEqual([2, 4, 4, 4, 0, 3, 2, 1]);
  });

  it("counts a value on a break in the bin below it, and the lowest value in the first bin", () => {
    // R: h <- hist(c(0, 1, 1, 2, 3)); h$breaks = 0 1 2 3; h$counts = 3 1 1
    const bins = histogram([0, 1, 1, 2, 3]);
    expect(bins.map((b) => b.x1)).toEqual([1, 2, 3]);
    expect(bins.map((b) => b.count)).toEqual([3, 1, 1]);
  });

  it("gives R's hist() of mtcars' mpg and disp", () => {
    // R: hist(mtcars$mpg)$breaks = 10 15 20 25 30 35, $counts = 6 12 8 2 4;
    // hist(mtcars$disp)$breaks = 50 100 ... 500, $counts = 5 7 4 1 4 4 4 1 2
    const mpg = histogram(MPG);
    expect(mpg.map((b) => b.x0).concat(mpg.at(-1)!.x1)).toEqual([10, 15, 20, 25, 30, 35]);
    expect(mpg.map((b) => b.count)).toEqual([6, 12, 8, 2, 4]);
    const disp = histogram(DISP);
    expect(disp.map((b) => b.x0).concat(disp.at(-1)!.x1)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    expect(disp.map((b) => b.count)).toEqual([5, 7, 4, 1, 4, 4, 4, 1, 2]);
  });

  it("leaves out missing values, draws a constant column as one bar, and nothing for no values", () => {
    expect(histogram([null, 4, 4, null]).map((b) => [b.x0, b.x1, b.count])).toEqual([[3.5, 4.5, 2]]);
    expect(histogram([null, null])).toEqual([]);
  });
});

describe("topLevels", () => {
  it("keeps the most frequent levels (ties in text order) and counts what the others hold, leaving out missing values", () => {
    const values = ["b", "a", "c", "a", null, "b", "d", "a", "e", null];
    expect(topLevels(values, 3)).toEqual({
      levels: [
        { level: "a", count: 3 },
        { level: "b", count: 2 },
        { level: "c", count: 1 },
      ],
      others: 2,
      otherLevels: 2,
    });
  });
});

describe("the charts' text alternatives", () => {
  it("say the histogram's range, its bins and its fullest bin, and whether the values were sampled", () => {
    expect(histogramText("extra", histogram(SLEEP_EXTRA), false, 20)).toBe(
      "Histogram of extra: 20 values in 8 bins of equal width from -2 to 6; the fullest holds 4, from -1 to 0.",
    );
    expect(histogramText("x", [{ x0: 0, x1: 10, count: 2000 }], true, 50000)).toBe(
      "Histogram of x: 2,000 values sampled from 50,000 rows in 1 bin of equal width from 0 to 10; the fullest holds 2,000, from 0 to 10.",
    );
    expect(histogramText("gone", [], false, 3)).toBe("gone: no values to draw (every cell is missing).");
  });

  it("name each level drawn with its count, and what the others hold", () => {
    const top = topLevels(["x", "y", "x", "z", "w"], 2);
    expect(levelsText("city", top, false, 5)).toBe("Most frequent levels of city (5 values): x 2, w 1; 2 other levels hold 2.");
  });
});

describe("planColumns", () => {
  it("takes a stored dataset's columns as the plan builder does, a distinct count not kept as many", () => {
    expect(
      planColumns([
        { name: "g", type: "categorical", missing: 1, distinct: 3 },
        { name: "x", type: "numeric", missing: 0, distinct: null },
      ]),
    ).toEqual([
      { name: "g", type: "categorical", missing: 1, distinct: 3 },
      { name: "x", type: "numeric", missing: 0, distinct: 1001 },
    ]);
  });
});
