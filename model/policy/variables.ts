/**
 * Policy variables (POL-VARIABLES): in a Version 2012-10-17 policy, `${key}` in Resource and in String and Bool
 * condition values stands for the request's value of `key` (key names case-insensitive), `${key, 'text'}` for
 * `text` when the request lacks the key, and `${*}`, `${?}`, `${$}` for those characters. Under 2008-10-17, or
 * without a Version, they are plain text. A variable the request cannot resolve makes the value it is in match
 * nothing (POL-VARIABLES-NO-VALUE). Substituted text is literal: a `*` in a tag value is no wildcard.
 */

/** The request's value of a (lower-cased) key; undefined when it has none or several. */
export type Lookup = (key: string) => string | undefined;

/** One `${…}` of a policy string: a variable naming `key`, or a malformed reference. */
export type VariableRef = { key: string; fallback?: string } | { malformed: string };

const TOKEN = /\$\{([^}]*)\}|\*|\?/g;
const VARIABLE = /^\s*([^\s,']+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;
const SPECIAL = new Set(["*", "?", "$"]);

/** The policy Version under which variables are substituted. */
export const VARIABLES_VERSION = "2012-10-17";

function parse(inner: string): VariableRef {
  const match = VARIABLE.exec(inner);
  if (!match) return { malformed: `\${${inner}}` };
  return { key: match[1]!, ...(match[2] !== undefined ? { fallback: match[2].replaceAll("''", "'") } : {}) };
}

/** The variables a string uses (special characters aside). */
export function variablesIn(text: string): VariableRef[] {
  return [...text.matchAll(TOKEN)].flatMap(([token, inner]) =>
    inner === undefined || SPECIAL.has(inner) ? [] : [parse(inner)],
  );
}

type Piece = { literal: string } | { wildcard: "*" | "?" };

/** The string as literal text and wildcards, variables resolved; undefined when one has no value. */
function pieces(text: string, lookup: Lookup | undefined): Piece[] | undefined {
  const out: Piece[] = [];
  let at = 0;
  for (const match of text.matchAll(lookup ? TOKEN : /\*|\?/g)) {
    out.push({ literal: text.slice(at, match.index) });
    at = match.index + match[0].length;
    const inner = match[1];
    if (inner === undefined) out.push({ wildcard: match[0] as "*" | "?" });
    else if (SPECIAL.has(inner)) out.push({ literal: inner });
    else {
      const ref = parse(inner);
      const value = "key" in ref ? (lookup!(ref.key.toLowerCase()) ?? ref.fallback) : undefined;
      if (value === undefined) return undefined;
      out.push({ literal: value });
    }
  }
  out.push({ literal: text.slice(at) });
  return out;
}

/** Patterns without variables, compiled once (a vault's policy is read on every request it governs). */
const COMPILED = new Map<string, RegExp>();

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A `*`/`?` wildcard pattern as a RegExp (`*` spans any characters, colons included), with variables resolved
 * when `lookup` is given; undefined when a variable has no value.
 */
export function patternOf(text: string, lookup?: Lookup, flags = ""): RegExp | undefined {
  const fixed = !lookup || !text.includes("${");
  const key = `${flags}:${text}`;
  if (fixed && COMPILED.has(key)) return COMPILED.get(key);
  const parts = pieces(text, lookup);
  if (!parts) return undefined;
  const source = parts.map((p) => ("wildcard" in p ? (p.wildcard === "*" ? ".*" : ".") : escape(p.literal))).join("");
  const pattern = new RegExp(`^${source}$`, flags);
  if (fixed) {
    if (COMPILED.size >= 1024) COMPILED.clear();
    COMPILED.set(key, pattern);
  }
  return pattern;
}

/** A string with variables resolved (`*` and `?` stay as written); undefined when a variable has no value. */
export function textOf(text: string, lookup?: Lookup): string | undefined {
  if (!lookup) return text;
  return pieces(text, lookup)
    ?.map((p) => ("wildcard" in p ? p.wildcard : p.literal))
    .join("");
}
