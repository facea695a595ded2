// What `lifecycle.ignore_changes` hides from a plan, spelled out. A plan never shows an ignored
// attribute, so a reviewer cannot see that a change will not reach it: the worst case is the
// note's own, a replaced task definition that the service (ignoring `task_definition`) does not
// run until the next release (`npm run rollout`).
import { Kind } from "./actions";
import { configurationAddress, resourceInfo, StackConfiguration } from "./configuration";
import { ConfigurationIndex } from "./dependencies";
import { ResourceChange } from "./plan-json";
import { isRecord } from "./values";

/** A resource of the plan whose `lifecycle.ignore_changes` hides attributes. */
export interface IgnoredAttributes {
  readonly address: string;
  readonly attributes: readonly string[] | "all";
}

/** A change this apply makes that an ignoring resource will not pick up. */
export interface IgnoredConsequence {
  /** The resource that ignores the attribute, e.g. `aws_ecs_service.example`. */
  readonly address: string;
  readonly attribute: string;
  /** The replaced resource the attribute refers to, e.g. `aws_ecs_task_definition.example`. */
  readonly replaced: string;
  /** One Markdown paragraph. */
  readonly message: string;
}

function lastSegment(arn: unknown): string | undefined {
  return typeof arn === "string" && arn !== "" ? arn.slice(arn.lastIndexOf("/") + 1) : undefined;
}

function values(change: ResourceChange | undefined): Record<string, unknown> {
  const value = change?.change.after ?? change?.change.before;
  return isRecord(value) ? value : {};
}

function before(change: ResourceChange | undefined): Record<string, unknown> {
  const value = change?.change.before;
  return isRecord(value) ? value : {};
}

/** The image of `container` in a task definition's `container_definitions` (a JSON string), if it is there. */
function imageIn(containerDefinitions: unknown, container: string | undefined): string | undefined {
  if (typeof containerDefinitions !== "string") return undefined;
  try {
    const containers = JSON.parse(containerDefinitions) as unknown;
    if (!Array.isArray(containers)) return undefined;
    const found: unknown = containers.find(
      (c: unknown) => isRecord(c) && (container === undefined || c.name === container),
    );
    return isRecord(found) && typeof found.image === "string" ? found.image : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What runs now, from the plan's refreshed prior state: the service's revision, and its image when
 * that revision is Terraform's own (a release's revision is not in the plan).
 */
function runningNow(service: ResourceChange | undefined, taskDefinition: ResourceChange | undefined, stack: string) {
  const running = before(service).task_definition;
  const revision = lastSegment(running);
  if (revision === undefined) return "its current revision";
  const loadBalancer = before(service).load_balancer;
  const first = Array.isArray(loadBalancer) && isRecord(loadBalancer[0]) ? loadBalancer[0] : {};
  const container = typeof first.container_name === "string" ? first.container_name : undefined;
  const terraforms = before(taskDefinition);
  const image = terraforms.arn === running ? imageIn(terraforms.container_definitions, container) : undefined;
  return image !== undefined
    ? `\`${revision}\` (\`${image}\`)`
    : `\`${revision}\`, not Terraform's revision (\`npm run releases -- ${stack}\` names its image)`;
}

function ecsRolloutMessage(
  service: ResourceChange | undefined,
  taskDefinition: ResourceChange | undefined,
  configuration: StackConfiguration,
): string {
  const familyValue = values(taskDefinition).family;
  const family = typeof familyValue === "string" ? familyValue : "<family>";
  const serviceAddress = service?.address ?? "the service";
  const taskAddress = taskDefinition?.address ?? "the task definition";
  const constructPath = service ? resourceInfo(configuration, service.address).constructPath : undefined;
  const stack = constructPath?.split("/")[0] ?? "<stack>";
  return (
    `**This apply does not change what the service runs.** \`${taskAddress}\` is replaced: a new revision of ` +
    `\`${family}\` is registered with the new container definitions, and the old one stays registered ` +
    `(\`skip_destroy\`). \`${serviceAddress}\` ignores changes to \`task_definition\` ` +
    `(\`lifecycle.ignore_changes\`: releases deploy outside Terraform), so it keeps running ` +
    `${runningNow(service, taskDefinition, stack)}. The new definitions reach the service with the next release: ` +
    `\`npm run rollout -- ${stack}\` (the image it runs now, on Terraform's new revision).`
  );
}

function genericMessage(address: string, attribute: string, replaced: string): string {
  return (
    `\`${address}\` ignores changes to \`${attribute}\` (\`lifecycle.ignore_changes\`): this apply replaces ` +
    `\`${replaced}\`, which \`${attribute}\` refers to, but does not update \`${address}\`, which keeps the old value.`
  );
}

/**
 * The ignore rules of the resources that change, or whose ignored attributes refer to a resource
 * that is replaced; and, for the latter, what the apply will not do.
 */
export function ignoredChanges(
  changes: readonly ResourceChange[],
  kinds: ReadonlyMap<string, Kind>,
  configuration: StackConfiguration,
  index: ConfigurationIndex,
): { readonly ignored: IgnoredAttributes[]; readonly consequences: IgnoredConsequence[] } {
  const byConfigAddress = new Map<string, ResourceChange>();
  for (const change of changes) byConfigAddress.set(configurationAddress(change.address), change);
  const replaced = new Set(
    [...kinds].filter(([, kind]) => kind === "replace").map(([address]) => configurationAddress(address)),
  );

  const consequences: IgnoredConsequence[] = [];
  const named = new Set<string>();
  for (const [address, resource] of configuration.resources) {
    if (resource.ignoreChanges !== "all" && resource.ignoreChanges.length === 0) continue;
    const configured = index.get(address);
    const attributes =
      resource.ignoreChanges === "all" ? [...(configured?.references.keys() ?? [])].sort() : resource.ignoreChanges;
    for (const attribute of attributes) {
      for (const target of [...(configured?.references.get(attribute) ?? [])].sort()) {
        if (!replaced.has(target)) continue;
        named.add(address);
        const self = byConfigAddress.get(address);
        const other = byConfigAddress.get(target);
        const ecs = self?.type === "aws_ecs_service" && attribute === "task_definition";
        consequences.push({
          address: self?.address ?? address,
          attribute,
          replaced: other?.address ?? target,
          message: ecs ? ecsRolloutMessage(self, other, configuration) : genericMessage(address, attribute, target),
        });
      }
    }
  }
  for (const [address, kind] of kinds) {
    if (kind === "destroy" || kind === "forget") continue;
    const rules = resourceInfo(configuration, address).ignoreChanges;
    if (rules === "all" || rules.length > 0) named.add(configurationAddress(address));
  }
  const ignored = [...named].sort().map((address) => ({
    address,
    attributes: configuration.resources.get(address)?.ignoreChanges ?? [],
  }));
  return { ignored, consequences };
}
