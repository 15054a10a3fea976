import { describe, expect, it } from "vitest";
import { formatBytes, formatName, formatNumber, formatP } from "./format";

describe("formatP", () => {
  it("writes p-values in scientific form with three significant digits", () => {
    expect(formatP(0.0794)).toBe("7.94e-2");
    expect(formatP(0.001373638)).toBe("1.37e-3");
    expect(formatP(1)).toBe("1.00e+0");
  });
  it("says < 1e-16 below what doubles tell apart, and a dash for no value", () => {
    expect(formatP(1e-31)).toBe("< 1e-16");
    expect(formatP(null)).toBe("—");
  });
});

describe("formatNumber", () => {
  it("keeps four significant digits, and switches to scientific form for very large or small values", () => {
    expect(formatNumber(2.0179197209007103)).toBe("2.018");
    expect(formatNumber(-3.767123)).toBe("-3.767");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1234567)).toBe("1.235e+6");
    expect(formatNumber(0.0000123)).toBe("1.230e-5");
    expect(formatNumber(undefined)).toBe("—");
  });
});

describe("formatBytes", () => {
  it("writes sizes in powers of 1,000 with one decimal at most, moving up a unit rather than writing 1,000", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(999)).toBe("999 bytes");
    expect(formatBytes(1000)).toBe("1 kB");
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(999_949)).toBe("999.9 kB");
    expect(formatBytes(999_950)).toBe("1 MB");
    expect(formatBytes(104_857_600)).toBe("104.9 MB");
    expect(formatBytes(5e15)).toBe("5,000 TB");
  });
});

describe("formatName", () => {
  it("writes each format as people do", () => {
    expect(["csv", "xlsx", "parquet"].map(formatName)).toEqual(["CSV", "XLSX", "Parquet"]);
  });
});
