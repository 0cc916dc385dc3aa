/** Reading JSON an endpoint sent, which may be anything. */

/** The JSON object `bytes` hold, or undefined when they are not one (invalid JSON, an array, a string). */
export function jsonObject(bytes: Uint8Array | string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `body[name]` when it is a string. */
export function stringMember(body: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === "string" ? value : undefined;
}
