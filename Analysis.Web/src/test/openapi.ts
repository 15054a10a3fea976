// The OpenAPI document the app's types are generated from, read by the unit tests: the app is checked against the
// values it names at run time too (the discriminators of the unions, the status enum), not only against its types.
import text from "../../../docs/openapi.json?raw";

export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  discriminator?: { mapping: Record<string, string> };
}

const schemas = (JSON.parse(text) as { components: { schemas: Record<string, Schema> } }).components.schemas;

export function schema(name: string): Schema {
  const found = schemas[name];
  if (!found) throw new Error(`No schema ${name} in the OpenAPI document.`);
  return found;
}

/** A union's members by discriminator value, e.g. "ttest" → the TTestSpec schema of AnalysisSpec. */
export function members(union: string): Map<string, Schema> {
  return new Map(Object.entries(schema(union).discriminator?.mapping ?? {}).map(([value, ref]) => [value, schema(ref.split("/").pop()!)]));
}

const fits = (value: unknown, s: Schema): boolean =>
  (s.enum === undefined || s.enum.includes(value)) &&
  (s.type === undefined ||
    [s.type].flat().some((type) => {
      if (type === "null") return value === null;
      if (type === "array") return Array.isArray(value) && value.every((item) => fits(item, s.items ?? {}));
      if (type === "integer") return Number.isInteger(value);
      return typeof value === type;
    }));

/** What keeps a JSON object from its schema: a required property missing, one the schema has not, a value of the wrong type. */
export function violations(value: object, s: Schema): string[] {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return [
    ...(s.required ?? []).filter((name) => !entries.some(([key]) => key === name)).map((name) => `${name}: missing`),
    ...entries.flatMap(([key, v]) => {
      const property = s.properties?.[key];
      if (!property) return [`${key}: not a property of the schema`];
      return fits(v, property) ? [] : [`${key}: ${JSON.stringify(v)} does not fit the schema`];
    }),
  ];
}
