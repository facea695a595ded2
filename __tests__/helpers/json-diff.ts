/** Every leaf of a JSON value by its path, e.g. `resource.aws_vpc.example.cidr_block`. */
function leaves(value: unknown, at = "", into = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, at ? `${at}.${key}` : key, into);
  } else {
    into.set(at, value);
  }
  return into;
}

/** The leaves two JSON values differ on, by path: `[in a, in b]` (undefined where one has none). */
export function differences(a: unknown, b: unknown): Record<string, [unknown, unknown]> {
  const left = leaves(a);
  const right = leaves(b);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return Object.fromEntries(
    paths.filter((p) => left.get(p) !== right.get(p)).map((p) => [p, [left.get(p), right.get(p)]]),
  );
}
