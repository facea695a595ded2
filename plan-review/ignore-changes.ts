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
 * Images of revisions that the plan does not hold (a release registered them), by task definition
 * ARN: looked up by the planner (`runningImages`), absent where it could not.
 */
export type RunningImages = ReadonlyMap<string, string>;

/** A service that runs a revision Terraform did not register: a release's, which a reviewer cannot see in the plan. */
export interface ReleasedService {
  readonly address: string;
  /** `family:revision`. */
  readonly revision: string;
  /** The task definition's ARN. */
  readonly arn: string;
  /** The load-balanced container's image (or the first container's), when known. */
  readonly image?: string;
}

/** The container whose image a service's release changes: its load balancer's, when it has one. */
function releasedContainer(service: ResourceChange | undefined): string | undefined {
  const loadBalancer = before(service).load_balancer;
  const first = Array.isArray(loadBalancer) && isRecord(loadBalancer[0]) ? loadBalancer[0] : {};
  return typeof first.container_name === "string" ? first.container_name : undefined;
}

/** The task definition ARN each ECS service of the plan runs now (the refreshed prior state), by service address. */
export function runningRevisions(changes: readonly ResourceChange[]): Map<string, string> {
  const running = new Map<string, string>();
  for (const change of changes) {
    const arn = before(change).task_definition;
    if (change.type === "aws_ecs_service" && typeof arn === "string" && arn !== "") running.set(change.address, arn);
  }
  return running;
}

/** The services that run a revision no `aws_ecs_task_definition` of the plan is (a release's), with its image when known. */
export function releasedServices(changes: readonly ResourceChange[], images: RunningImages): ReleasedService[] {
  const terraforms = new Set(changes.filter((c) => c.type === "aws_ecs_task_definition").map((c) => before(c).arn));
  return [...runningRevisions(changes)]
    .filter(([, arn]) => !terraforms.has(arn))
    .map(([address, arn]) => ({ address, arn, revision: lastSegment(arn) ?? arn, image: images.get(arn) }));
}

/**
 * What runs now, from the plan's refreshed prior state: the service's revision, and its image (from
 * Terraform's own revision in the plan, or from `images` for a release's).
 */
function runningNow(
  service: ResourceChange | undefined,
  taskDefinition: ResourceChange | undefined,
  stack: string,
  images: RunningImages,
) {
  const running = before(service).task_definition;
  const revision = lastSegment(running);
  if (revision === undefined || typeof running !== "string") return "its current revision";
  const terraforms = before(taskDefinition);
  const image =
    terraforms.arn === running
      ? imageIn(terraforms.container_definitions, releasedContainer(service))
      : images.get(running);
  if (image === undefined) {
    return `\`${revision}\`, not Terraform's revision (\`npm run releases -- ${stack}\` names its image)`;
  }
  return terraforms.arn === running
    ? `\`${revision}\` (\`${image}\`)`
    : `\`${revision}\` (\`${image}\`, a release's revision)`;
}

function ecsRolloutMessage(
  service: ResourceChange | undefined,
  taskDefinition: ResourceChange | undefined,
  configuration: StackConfiguration,
  images: RunningImages,
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
    `${runningNow(service, taskDefinition, stack, images)}. The new definitions reach the service with the next release: ` +
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
  images: RunningImages = new Map(),
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
          message: ecs
            ? ecsRolloutMessage(self, other, configuration, images)
            : genericMessage(address, attribute, target),
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
