// Which resource a stack created that its state does not hold (an orphan), and which address of the
// configuration it is: pure functions over the synthesized configuration, the state and what AWS
// holds with the stack's tag. An orphan is brought into the state only when exactly one address can
// be proven for it; anything else is reported and left alone.

/** A resource AWS holds with the stack's tag, as `discover.ts` reads it. */
export interface Tagged {
  /** The Terraform resource type it would be (`aws_subnet`), or undefined when recover does not know the kind. */
  readonly type: string | undefined;
  /** The ARN, or for resources the tagging API does not list, the id. */
  readonly arn: string;
  /** The id `terraform import` takes for this type (a subnet's id, a load balancer's ARN, a log group's name). */
  readonly importId: string;
  /** Every id the state may hold for it (`id`, `arn` attributes). */
  readonly ids: readonly string[];
  /** Identifying attributes, under Terraform's names (`cidr_block`, `vpc_id`). */
  readonly attributes: Readonly<Record<string, string | undefined>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** The attributes of the managed resources in a state (`terraform state pull`), by address. */
export type StateResources = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** The resources of a synthesized configuration (`cdk.tf.json`'s `resource`), by type, then name. */
export type ConfiguredResources = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/**
 * What proves which address an orphan of each type is: attributes set in the configuration that AWS
 * keeps unique for the stack (`tags` compares the resource's own tags, beside the default ones).
 * A type missing here is reported, never imported.
 */
export const IDENTITY: Readonly<Record<string, readonly string[]>> = {
  aws_vpc: ["cidr_block", "tags"],
  aws_subnet: ["cidr_block", "vpc_id"],
  aws_security_group: ["name", "vpc_id"],
  // An internet gateway is created, then attached: an orphan may not be attached yet (no vpc_id).
  aws_internet_gateway: ["tags", "vpc_id?"],
  aws_route_table: ["vpc_id", "tags"],
  aws_eip: ["tags"],
  aws_nat_gateway: ["subnet_id", "allocation_id", "tags"],
  aws_lb: ["name"],
  aws_lb_target_group: ["name"],
  aws_ecs_cluster: ["name"],
  aws_ecs_service: ["name", "cluster"],
  aws_cloudwatch_log_group: ["name"],
};

export interface Recovered {
  readonly address: string;
  readonly orphan: Tagged;
}

export interface Unrecovered {
  readonly orphan: Tagged;
  /** Why it is left alone, for the report. */
  readonly reason: string;
}

export interface Recovery {
  /** Orphans, each proven to be one address of the configuration that the state lacks. */
  readonly imports: readonly Recovered[];
  /** Orphans left alone, with the reason. */
  readonly unrecovered: readonly Unrecovered[];
}

/** `terraform state pull`'s JSON, the parts read here. */
export interface PulledState {
  readonly resources?: readonly {
    mode: string;
    type: string;
    name: string;
    module?: string;
    instances: readonly { attributes?: object }[];
  }[];
}

/** The state's managed resources (root module, one instance each), by address. */
export function stateResources(state: PulledState): Map<string, Record<string, unknown>> {
  const resources = new Map<string, Record<string, unknown>>();
  for (const r of state.resources ?? []) {
    if (r.mode !== "managed" || r.module !== undefined) continue;
    const [instance] = r.instances;
    if (instance) resources.set(`${r.type}.${r.name}`, { ...(instance.attributes ?? {}) });
  }
  return resources;
}

/** Every `id` and `arn` the state holds: a tagged resource with one of them is the state's, not an orphan. */
function knownIds(state: StateResources): Set<string> {
  const ids = new Set<string>();
  for (const attributes of state.values()) {
    for (const key of ["id", "arn"]) {
      const value = attributes[key];
      if (typeof value === "string" && value !== "") ids.add(value);
    }
  }
  return ids;
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** A configured value as it is in AWS: a literal, or a reference resolved through `known`; undefined when unknown. */
function resolve(value: unknown, known: StateResources): string | undefined {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") return undefined;
  const reference = REFERENCE.exec(value);
  if (!reference) return value.includes("${") ? undefined : value;
  const [, type, name, attribute] = reference;
  const resolved = known.get(`${type}.${name}`)?.[attribute ?? ""];
  return typeof resolved === "string" ? resolved : undefined;
}

/** The last part of an ARN or a name (`arn:…:cluster/example` → `example`): an ECS service's cluster is either. */
function tail(value: string): string {
  return value.slice(value.lastIndexOf("/") + 1);
}

type Verdict = "proven" | "possible" | "no";

/** Whether one configured resource is the orphan: every identifying attribute equal (proven), one unknown (possible). */
function compare(orphan: Tagged, configured: Readonly<Record<string, unknown>>, known: StateResources): Verdict {
  let verdict: Verdict = "proven";
  for (const entry of IDENTITY[orphan.type ?? ""] ?? []) {
    const optional = entry.endsWith("?");
    const key = optional ? entry.slice(0, -1) : entry;
    if (key === "tags") {
      const tags = configured.tags;
      if (tags === undefined) continue;
      if (typeof tags !== "object" || tags === null) return "no";
      for (const [tag, value] of Object.entries(tags)) {
        const wanted = resolve(value, known);
        if (wanted === undefined) verdict = "possible";
        else if (orphan.tags[tag] !== wanted) return "no";
      }
      continue;
    }
    const actual = orphan.attributes[key];
    if (actual === undefined && optional) continue;
    const wanted = resolve(configured[key], known);
    if (wanted === undefined || actual === undefined) {
      verdict = "possible";
      continue;
    }
    const same = key === "cluster" ? tail(wanted) === tail(actual) : wanted === actual;
    if (!same) return "no";
  }
  return verdict;
}

/**
 * Maps every tagged resource the state does not hold to the one address it is, when that can be
 * proven: same type, an address the state lacks, every identifying attribute equal (references
 * resolved through the state and through orphans already mapped), no other address possible and
 * no other orphan proven for the same address.
 */
export function planRecovery(
  configured: ConfiguredResources,
  state: StateResources,
  tagged: readonly Tagged[],
): Recovery {
  const ids = knownIds(state);
  const orphans = tagged.filter((t) => !t.ids.some((id) => ids.has(id)) && !ids.has(t.arn));
  const known = new Map(state);
  const imports: Recovered[] = [];
  let pending = [...orphans];
  const verdicts = new Map<Tagged, { proven: string[]; possible: string[] }>();

  // Repeat while something new is proven: a mapped VPC lets its subnets' `vpc_id` resolve.
  for (let progress = true; progress;) {
    progress = false;
    verdicts.clear();
    for (const orphan of pending) {
      const proven: string[] = [];
      const possible: string[] = [];
      if (orphan.type !== undefined && IDENTITY[orphan.type] !== undefined) {
        for (const [name, resource] of Object.entries(configured[orphan.type] ?? {})) {
          const address = `${orphan.type}.${name}`;
          if (known.has(address)) continue;
          const verdict = compare(orphan, resource, known);
          if (verdict === "proven") proven.push(address);
          if (verdict === "possible") possible.push(address);
        }
      }
      verdicts.set(orphan, { proven, possible });
    }
    const claims = new Map<string, number>();
    for (const { proven } of verdicts.values()) for (const a of proven) claims.set(a, (claims.get(a) ?? 0) + 1);
    for (const orphan of pending) {
      const { proven, possible } = verdicts.get(orphan) ?? { proven: [], possible: [] };
      const [address] = proven;
      if (address === undefined || proven.length !== 1 || possible.length !== 0 || claims.get(address) !== 1) continue;
      imports.push({ address, orphan });
      known.set(address, { ...orphan.attributes, id: orphan.ids[0], arn: orphan.arn });
      progress = true;
    }
    pending = pending.filter((o) => !imports.some((i) => i.orphan === o));
  }

  const unrecovered = pending.map((orphan): Unrecovered => {
    if (orphan.type === undefined || IDENTITY[orphan.type] === undefined) {
      return { orphan, reason: "recover cannot tell which address a resource of this kind is" };
    }
    const { proven, possible } = verdicts.get(orphan) ?? { proven: [], possible: [] };
    const candidates = [...proven, ...possible];
    if (candidates.length === 0) {
      return { orphan, reason: `no ${orphan.type} of the configuration that the state lacks has its attributes` };
    }
    return { orphan, reason: `it could be any of ${candidates.join(", ")}, or another orphan is the same address` };
  });
  return { imports: imports.sort((a, b) => a.address.localeCompare(b.address)), unrecovered };
}

/** Terraform import blocks (JSON syntax) for the recovered orphans, for review before the apply that imports them. */
export function importBlocks(imports: readonly Recovered[]): { import: { to: string; id: string }[] } {
  return { import: imports.map(({ address, orphan }) => ({ to: address, id: orphan.importId })) };
}
