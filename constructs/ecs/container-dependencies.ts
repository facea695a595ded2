// How the containers of one task depend on each other: the containers each waits for
// (`dependsOn`) and the ones the task cannot lose (`essential`). A sidecar is one more entry in
// the file; these rules hold the entries together, each broken one a line of its own.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html
import { oneOf } from "../shared/rules";
import { isPlainObject } from "../shared/schema";
import { show } from "../shared/validation";

/** What a container may wait for in another: started, exited, exited with 0, or healthy. */
export const DEPENDENCY_CONDITIONS = ["START", "COMPLETE", "SUCCESS", "HEALTHY"] as const;

/** A condition ECS knows. */
export const dependencyCondition = oneOf<unknown>(DEPENDENCY_CONDITIONS);

/** The conditions that wait for a container to exit: an essential container that exits stops the task. */
const EXITS = ["COMPLETE", "SUCCESS"];

/** One container of a file as these rules see it: its position, name, whether essential, and the dependencies written. */
interface Node {
  readonly index: number;
  readonly name: string;
  readonly essential: boolean;
  readonly dependsOn: readonly { readonly containerName: string; readonly condition: unknown }[];
}

/** The containers with a name, and the dependencies that name a container (the file's own checks report the rest). */
function nodesOf(containers: readonly unknown[]): Node[] {
  return containers.flatMap((container, index) => {
    if (!isPlainObject(container) || typeof container.name !== "string") return [];
    const dependsOn = (Array.isArray(container.dependsOn) ? container.dependsOn : []).flatMap((d: unknown) =>
      isPlainObject(d) && typeof d.containerName === "string"
        ? [{ containerName: d.containerName, condition: d.condition }]
        : [],
    );
    // ECS treats a missing `essential` as true.
    return [{ index, name: container.name, essential: container.essential !== false, dependsOn }];
  });
}

/**
 * Every broken rule of the containers' `dependsOn` across the file, one line each: a dependency on a
 * container the file does not hold, a condition that waits for an essential container to exit, and
 * each cycle (no container in it could ever start), named at its first container in the file.
 * The shape of each entry (an object, a known `condition`) is the file's per-container check.
 */
export function dependencyProblems(label: string, containers: readonly unknown[]): string[] {
  const nodes = nodesOf(containers);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const names = nodes.map((node) => node.name).join(", ");
  const problems: string[] = [];
  for (const node of nodes) {
    node.dependsOn.forEach(({ containerName, condition }, j) => {
      const at = `${label}[${node.index}].dependsOn[${j}]`;
      const target = byName.get(containerName);
      if (target === undefined) {
        problems.push(`${at}.containerName: must name a container in ${label} (${names}), got: ${show(containerName)}`);
      } else if (target.essential && EXITS.includes(condition as string)) {
        problems.push(
          `${at}.condition: must be START or HEALTHY when it waits for an essential container (${target.name}): COMPLETE and SUCCESS wait for it to exit, and the task stops when it does, got: ${show(condition)}`,
        );
      }
    });
  }
  for (const cycle of cycles(nodes, byName)) {
    const [first] = cycle;
    problems.push(
      `${label}[${first?.index}].dependsOn: must not form a cycle (none of its containers could ever start), got: ${show([...cycle, first].map((n) => n?.name).join(" -> "))}`,
    );
  }
  return problems;
}

/**
 * One cycle per group of containers that wait for each other (a strongly connected group of the
 * graph, or a container that waits for itself): the shortest one through the group's first
 * container in the file, from that container, in the order they wait.
 */
function cycles(nodes: readonly Node[], byName: ReadonlyMap<string, Node>): Node[][] {
  const next = (node: Node) => node.dependsOn.flatMap(({ containerName }) => byName.get(containerName) ?? []);
  const previous = (node: Node) => nodes.filter((other) => next(other).includes(node));
  const reached = (from: Node, step: (node: Node) => Node[]): Set<Node> => {
    const seen = new Set<Node>();
    const queue = step(from);
    for (let node = queue.shift(); node; node = queue.shift()) {
      if (seen.has(node)) continue;
      seen.add(node);
      queue.push(...step(node));
    }
    return seen;
  };
  const reported = new Set<Node>();
  const found: Node[][] = [];
  for (const node of nodes) {
    if (reported.has(node)) continue;
    const after = reached(node, next);
    if (!after.has(node)) continue;
    const before = reached(node, previous);
    for (const member of after) if (before.has(member)) reported.add(member);
    // Breadth first from the container back to itself: the shortest way round.
    const parent = new Map<Node, Node>();
    const queue = [node];
    for (let at = queue.shift(); at; at = queue.shift()) {
      const back = next(at).includes(node);
      if (back) {
        const cycle = [at];
        for (let p = parent.get(at); p; p = parent.get(p)) cycle.unshift(p);
        found.push(cycle);
        break;
      }
      for (const target of next(at)) {
        if (target === node || parent.has(target)) continue;
        parent.set(target, at);
        queue.push(target);
      }
    }
  }
  return found;
}

/**
 * A task needs an essential container: ECS stops the task when one stops, and rejects a task
 * definition without any. One line naming the containers that say `"essential": false`.
 */
export function essentialProblems(label: string, containers: readonly unknown[]): string[] {
  const nodes = nodesOf(containers);
  if (containers.length === 0 || nodes.length < containers.length || nodes.some((node) => node.essential)) return [];
  return [
    `${label}: at least one container must be essential, got: "essential": false in every container (${nodes.map((n) => n.name).join(", ")})`,
  ];
}
