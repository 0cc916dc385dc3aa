/**
 * The service model's shapes, as the SDK ships them (the Smithy schemas inside `@aws-sdk/client-glacier`):
 * what type each member of an answer's JSON body has. Used to judge answer bodies at the wire (PROTO-REST-JSON).
 */
import * as glacier from "@aws-sdk/client-glacier";
import { NormalizedSchema } from "@smithy/core/schema";

type OperationSchema = readonly [number, string, string, unknown, unknown, unknown];

/** The output shape of an operation, or undefined for a name the SDK does not know. */
function outputShape(operation: string): NormalizedSchema | undefined {
  const schema = (glacier as unknown as Record<string, OperationSchema | undefined>)[`${operation}$`];
  return Array.isArray(schema) && schema[0] === 9 ? NormalizedSchema.of(schema[5] as never) : undefined;
}

/** The shape the JSON body of a successful answer has: the payload member's, or the output's body members. */
function bodyShape(operation: string): NormalizedSchema | undefined {
  const output = outputShape(operation);
  if (!output) return undefined;
  for (const [, member] of output.structIterator()) if (member.getMergedTraits().httpPayload) return member;
  return output;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "list" : value === null ? "null" : typeof value;
}

/** What is wrong with `value` as a `shape`, or undefined. Unknown members and nulls are allowed, as the SDK allows them. */
function typeProblem(shape: NormalizedSchema, value: unknown, path: string): string | undefined {
  if (value === null || value === undefined || shape.isDocumentSchema() || shape.isBlobSchema()) return undefined;
  const wrong = (expected: string) => `${path} is ${kindOf(value)}, the service model says ${expected}`;
  if (shape.isStructSchema()) {
    if (kindOf(value) !== "object") return wrong("structure");
    for (const [name, member] of shape.structIterator()) {
      const traits = member.getMergedTraits();
      if (traits.httpHeader || traits.httpResponseCode || traits.httpQueryParams) continue;
      const problem = typeProblem(member, (value as Record<string, unknown>)[name], `${path}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (shape.isListSchema()) {
    if (!Array.isArray(value)) return wrong("list");
    const item = shape.getValueSchema();
    for (const [i, element] of value.entries()) {
      const problem = typeProblem(item, element, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (shape.isMapSchema()) {
    if (kindOf(value) !== "object") return wrong("map");
    const item = shape.getValueSchema();
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      const problem = typeProblem(item, element, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (shape.isStringSchema() && typeof value !== "string") return wrong("string");
  if (shape.isNumericSchema() && typeof value !== "number") return wrong("number");
  if (shape.isBooleanSchema() && typeof value !== "boolean") return wrong("boolean");
  return undefined;
}

/** What is wrong with the JSON body of a successful `operation` answer, by the service model, or undefined. */
export function bodySchemaProblem(operation: string, body: Record<string, unknown>): string | undefined {
  const shape = bodyShape(operation);
  return shape ? typeProblem(shape, body, "body") : undefined;
}
