// Lists the compiler checks against a union from the API's types: a member the list misses is a compile error that
// names it, so a new status or analysis type in the OpenAPI document cannot be forgotten here.

/** What an argument must also be when `Listed` misses members of `All`: a type naming them, which no list is. */
export type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? unknown : { missing: Exclude<All, Listed> };

/** The list given, which must name every member of the union T (and only members of it). */
export function everyOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & Covers<T, L[number]>): L => list;
}
