// Numbers for people: p-values in scientific form ("7.94e-2", "< 1e-16"), other numbers to four significant digits.

/** The smallest p-value worth printing: below it, double precision no longer tells them apart (R prints "< 2.2e-16"). */
export const P_FLOOR = 1e-16;

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "—";
  if (p < P_FLOOR) return `< 1e-16`;
  return p.toExponential(2);
}

const significant = new Intl.NumberFormat("en", { maximumSignificantDigits: 4 });

export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4)) return x.toExponential(3);
  return significant.format(x);
}

const UNITS = ["kB", "MB", "GB", "TB"];
const oneDecimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** A size in bytes for people, in powers of 1,000 as file managers show them: "912 bytes", "1.5 kB", "104.9 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  let value = bytes;
  let unit = -1;
  // Past 999.95 the one decimal would round up to "1,000": the next unit says it better.
  while (value >= 999.95 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${oneDecimal.format(value)} ${UNITS[unit]}`;
}

/** A dataset's file format as people write it: CSV, XLSX, Parquet. */
export function formatName(format: string): string {
  return ({ csv: "CSV", xlsx: "XLSX", parquet: "Parquet" } as Record<string, string>)[format] ?? format.toUpperCase();
}
