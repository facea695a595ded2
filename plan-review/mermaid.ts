// A Mermaid flowchart of the changed resources and the dependencies between them, which GitHub
// draws in the comment: coloured by action, grouped by construct (one subgraph per construct
// path) so that a full create of about 40 resources stays readable.
import { compareAddresses, Kind } from "./actions";

export interface GraphNode {
  readonly address: string;
  readonly kind: Kind;
  /** The construct path that created the resource, e.g. `ecs-fargate/network/vpc`. */
  readonly constructPath?: string;
}

/** An edge from a resource to one it depends on. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/** Larger plans get no diagram: GitHub would draw an unreadable one, or none. */
export const MAX_DIAGRAM_NODES = 120;

const SYMBOL: Readonly<Record<Kind, string>> = {
  create: "+",
  update: "~",
  replace: "-/+",
  destroy: "-",
  import: "import",
  move: "moved",
  forget: "forget",
};

/** Fill and stroke per action: GitHub's own greens, yellows, oranges and reds. */
const CLASS_STYLE: Readonly<Record<Kind, string>> = {
  create: "fill:#dafbe1,stroke:#1a7f37,color:#0d1117",
  update: "fill:#fff8c5,stroke:#9a6700,color:#0d1117",
  replace: "fill:#ffe7d1,stroke:#bc4c00,color:#0d1117",
  destroy: "fill:#ffebe9,stroke:#cf222e,color:#0d1117",
  import: "fill:#ddf4ff,stroke:#0969da,color:#0d1117",
  move: "fill:#ddf4ff,stroke:#0969da,color:#0d1117",
  forget: "fill:#f6f8fa,stroke:#6e7781,color:#0d1117",
};

/** The node id of an address: letters, digits and underscores only. `aws_vpc.example` -> `aws_vpc_example`. */
export function mermaidId(address: string): string {
  return address.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * The construct that holds a resource: its construct path without the stack (the first segment)
 * and without the resource's own id (the last). `ecs-fargate/network/vpc` -> `network`; a
 * resource declared on the stack itself has none.
 */
export function constructGroup(constructPath: string | undefined): string | undefined {
  if (!constructPath) return undefined;
  const segments = constructPath.split("/");
  const group = segments.slice(1, -1).join("/");
  return group === "" ? undefined : group;
}

function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

/** The flowchart, without the Markdown fence; the dependency points at what depends on it. */
export function flowchart(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of [...nodes].sort((a, b) => compareAddresses(a.address, b.address))) {
    let id = mermaidId(node.address) || "resource";
    for (let n = 2; used.has(id); n++) id = `${mermaidId(node.address)}_${n}`;
    used.add(id);
    ids.set(node.address, id);
  }

  const lines = ["flowchart LR"];
  const groups = new Map<string, GraphNode[]>();
  const loose: GraphNode[] = [];
  for (const node of nodes) {
    const group = constructGroup(node.constructPath);
    if (group === undefined) loose.push(node);
    else groups.set(group, [...(groups.get(group) ?? []), node]);
  }
  const nodeLine = (node: GraphNode, indent: string) =>
    `${indent}${ids.get(node.address)}[${label(`${SYMBOL[node.kind]} ${node.address}`)}]:::${node.kind}`;
  const sorted = (list: readonly GraphNode[]) => [...list].sort((a, b) => compareAddresses(a.address, b.address));
  for (const [group, members] of [...groups].sort(([a], [b]) => compareAddresses(a, b))) {
    lines.push(`  subgraph ${`construct_${mermaidId(group)}`}[${label(group)}]`);
    for (const node of sorted(members)) lines.push(nodeLine(node, "    "));
    lines.push("  end");
  }
  for (const node of sorted(loose)) lines.push(nodeLine(node, "  "));

  const arrows = new Set<string>();
  for (const edge of edges) {
    const from = ids.get(edge.to); // the dependency first: the arrow reads "is needed by"
    const to = ids.get(edge.from);
    if (from && to && from !== to) arrows.add(`  ${from} --> ${to}`);
  }
  lines.push(...[...arrows].sort());

  const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
  for (const kind of kinds) lines.push(`  classDef ${kind} ${CLASS_STYLE[kind]}`);
  return `${lines.join("\n")}\n`;
}
