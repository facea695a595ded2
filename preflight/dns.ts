// Whether a hosted zone is delegated: the parent zone's NS record for it must name the zone's
// own name servers, or resolvers never reach the zone and ACM's DNS validation waits (about 75
// minutes) and fails. Offline, without a resolver, this can only be told when the parent zone
// is in the same account; otherwise the answer is "cannot tell", with the command to check.

export type Delegation =
  | { readonly verdict: "delegated" }
  | { readonly verdict: "not delegated"; readonly parentNameServers: string[] }
  | { readonly verdict: "cannot tell" };

const normal = (names: readonly string[]) => names.map((n) => n.toLowerCase().replace(/\.$/, "")).sort();

/**
 * `zoneNameServers`: the zone's delegation set. `parentNameServers`: the parent zone's NS record
 * for the zone's name (empty when it has none), or undefined when the parent is not in this account.
 */
export function delegation(
  zoneNameServers: readonly string[],
  parentNameServers: readonly string[] | undefined,
): Delegation {
  if (parentNameServers === undefined) return { verdict: "cannot tell" };
  const zone = normal(zoneNameServers);
  const parent = normal(parentNameServers);
  return zone.length > 0 && zone.join() === parent.join()
    ? { verdict: "delegated" }
    : { verdict: "not delegated", parentNameServers: parent };
}

/** The parent domain of a zone name (`example.com` for `app.example.com`); undefined for a top-level name. */
export function parentZoneName(zoneName: string): string | undefined {
  const labels = zoneName.replace(/\.$/, "").split(".");
  return labels.length > 2 ? labels.slice(1).join(".") : undefined;
}
