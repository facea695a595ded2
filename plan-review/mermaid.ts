// A Mermaid flowchart of the changed resources and the dependencies between them, which GitHub
// draws in the comment: coloured by action, grouped by construct (one subgraph per construct
// path). A plan of more than MAX_DETAILED_NODES resources gets one node per construct and action
// instead ("network: + 15"): GitHub scales a diagram down to the comment's width (about 780 px),
// and 37 resource nodes come out with labels about 7 px high.
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

/** Plans with more changed resources are drawn by construct (one node per construct and action). */
export const MAX_DETAILED_NODES = 12;

const SYMBOL: Readonly<Record<Kind, string>> = {
  create: "+",
  update: "~",
  replace: "-/+",
  destroy: "-",
  import: "import",
  move: "moved",
  forget: "forget",
};

/** How a grouped node counts its resources: "network: 20 to add", as the headline counts them. */
const VERB: Readonly<Record<Kind, string>> = {
  create: "add",
  update: "change",
  replace: "replace",
  destroy: "destroy",
  import: "import",
  move: "move",
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

/** One node per construct and action, with the number of resources; edges between them. */
function groupedFlowchart(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const KIND_ORDER: readonly Kind[] = ["destroy", "replace", "update", "create", "import", "move", "forget"];
  const groupOf = (node: GraphNode) => constructGroup(node.constructPath) ?? "stack";
  const idOf = (node: GraphNode) => `group_${mermaidId(groupOf(node))}_${node.kind}`;
  const counts = new Map<string, { group: string; kind: Kind; count: number }>();
  const byAddress = new Map<string, string>();
  for (const node of nodes) {
    const id = idOf(node);
    byAddress.set(node.address, id);
    const entry = counts.get(id) ?? { group: groupOf(node), kind: node.kind, count: 0 };
    counts.set(id, { ...entry, count: entry.count + 1 });
  }
  const lines = ["flowchart TB"];
  const ordered = [...counts].sort(
    ([, a], [, b]) => compareAddresses(a.group, b.group) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  for (const [id, { group, kind, count }] of ordered) {
    lines.push(`  ${id}[${label(`${group}: ${count} to ${VERB[kind]}`)}]:::${kind}`);
  }
  const arrows = new Set<string>();
  for (const edge of edges) {
    const from = byAddress.get(edge.to);
    const to = byAddress.get(edge.from);
    if (from && to && from !== to) arrows.add(`  ${from} --> ${to}`);
  }
  lines.push(...[...arrows].sort());
  const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
  for (const kind of kinds) lines.push(`  classDef ${kind} ${CLASS_STYLE[kind]}`);
  return `${lines.join("\n")}\n`;
}

/** The flowchart, without the Markdown fence; the dependency points at what depends on it. */
export function flowchart(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  if (nodes.length > MAX_DETAILED_NODES) return groupedFlowchart(nodes, edges);
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
