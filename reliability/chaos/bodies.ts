/** Broken bodies for the chaos proxy's faults: random bytes, wrong member types, duplicates, padding. */
import { jsonMembers, type Answer } from "./wire.js";

export const BIG_BODY_BYTES = 5 * 1024 * 1024;

export const HTML_PAGE =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

export const withBody = (a: Answer, body: string | Buffer): Answer => ({ ...a, body: Buffer.from(body) });

/** Random bytes that are not JSON nor UTF-8 (they start with 0xff), 32–255 of them. */
export function garbage(random: () => number): Buffer {
  const length = 32 + Math.floor(random() * 224);
  return Buffer.from([0xff, ...Array.from({ length: length - 1 }, () => Math.floor(random() * 256))]);
}

const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** A value of another JSON type than `value`'s, chosen by `random`. */
function wrongType(value: unknown, random: () => number): unknown {
  const others = ["x", 5, true, [], {}].filter((candidate) => kindOf(candidate) !== kindOf(value));
  return others[Math.floor(random() * others.length)];
}

/** A value of the same JSON type as `value`, but another one. */
function altered(value: unknown): unknown {
  if (typeof value === "string") return `${value}-duplicate`;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  if (Array.isArray(value)) return ["duplicate"];
  return value === null ? "duplicate" : { duplicate: true };
}

/** Every member of the JSON body given a value of another type. */
export function wrongTypes(a: Answer, random: () => number): Answer {
  const members = Object.entries(jsonMembers(a) ?? {}).map(([name, value]) => [name, wrongType(value, random)]);
  return withBody(a, JSON.stringify(Object.fromEntries(members)));
}

/** Every member of the JSON body sent twice, the second copy altered (JSON.parse keeps the last). */
export function duplicated(a: Answer): Answer {
  const members = Object.entries(jsonMembers(a) ?? {});
  const pairs = [...members, ...members.map(([name, value]) => [name, altered(value)] as const)];
  return withBody(a, `{${pairs.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(",")}}`);
}

/** The JSON body with a 5 MiB string member added. */
export function padded(a: Answer): Answer {
  const text = a.body.toString("utf8").trimEnd();
  return withBody(a, `${text.slice(0, -1)},"padding":"${"x".repeat(BIG_BODY_BYTES)}"}`);
}

export const INTERNAL_FAILURE = JSON.stringify({
  code: "InternalFailure",
  message: "chaos: injected failure",
  type: "Server",
});

/** RFC 1123 `now` and an ISO 8601 duration for `offsetMs`: both readable, neither the documented format. */
export function nonIsoClock(a: Answer): Answer {
  const { now, offsetMs } = jsonMembers(a) as { now: string; offsetMs: number };
  return withBody(a, JSON.stringify({ now: new Date(now).toUTCString(), offsetMs: `PT${offsetMs / 1000}S` }));
}
