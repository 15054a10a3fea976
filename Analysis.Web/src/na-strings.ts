// The cells a file reads as missing (the API's `naStrings`, as R's read.csv(na.strings = …)): the service's default,
// and the codes a person types, such as -99 or ".".

/** The service's default: an empty cell, NA, NaN and null. */
export const DEFAULT_NA_STRINGS: readonly string[] = ["", "NA", "NaN", "null"];

/** The API's bounds: at most 20 codes of at most 20 characters each. */
export const MAX_CODES = 20;
export const MAX_CODE_LENGTH = 20;

/** The codes other than the empty cell, as the person edits them: "NA, NaN, null". */
export const DEFAULT_CODES_TEXT = DEFAULT_NA_STRINGS.filter((s) => s !== "").join(", ");

/**
 * The codes typed (separated by commas; spaces around a code are not part of it) and whether an empty cell is
 * missing, as the API's list; with what is wrong with them, for the person (nothing is sent then).
 */
export function parseNaStrings(text: string, emptyIsMissing: boolean): { naStrings: string[]; errors: string[] } {
  const codes = text
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  const naStrings = [...new Set(emptyIsMissing ? ["", ...codes] : codes)];
  const errors: string[] = [];
  const long = naStrings.filter((c) => c.length > MAX_CODE_LENGTH);
  if (long.length) errors.push(`A code has at most ${MAX_CODE_LENGTH} characters: ${long.join(", ")}.`);
  if (naStrings.length > MAX_CODES) errors.push(`At most ${MAX_CODES} codes (an empty cell counts as one); there are ${naStrings.length}.`);
  return { naStrings, errors };
}

/** The list for people: the empty cell named, the others quoted as they are ("empty cells, NA, -99"). */
export function describeNaStrings(naStrings: readonly string[]): string {
  if (naStrings.length === 0) return "none";
  return naStrings.map((s) => (s === "" ? "empty cells" : s)).join(", ");
}
