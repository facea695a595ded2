// What `lifecycle.ignore_changes` hides from a plan, spelled out. A plan never shows an ignored
// attribute, so a reviewer cannot see that a change will not reach it: the worst case is the
// note's own, a replaced task definition that the service (ignoring `task_definition`) never runs.
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

function ecsRolloutMessage(service: ResourceChange | undefined, taskDefinition: ResourceChange | undefined): string {
  const serviceValues = values(service);
  const cluster = lastSegment(serviceValues.cluster) ?? "<cluster>";
  const name = typeof serviceValues.name === "string" ? serviceValues.name : "<service>";
  const familyValue = values(taskDefinition).family;
  const family = typeof familyValue === "string" ? familyValue : "<family>";
  const serviceAddress = service?.address ?? "the service";
  const taskAddress = taskDefinition?.address ?? "the task definition";
  return (
    `**This apply does not roll out the new container definitions.** \`${taskAddress}\` is replaced ` +
    `(a new revision of \`${family}\` is registered, the old one deregistered), but \`${serviceAddress}\` ` +
    `ignores changes to \`task_definition\` (\`lifecycle.ignore_changes\`: deploys happen outside Terraform), ` +
    `so the service keeps running its current revision. The new revision reaches the service through the ` +
    `deploy pipeline, or by hand: \`aws ecs update-service --cluster ${cluster} --service ${name} ` +
    `--task-definition ${family}\` (the family's latest active revision).`
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
          message: ecs ? ecsRolloutMessage(self, other) : genericMessage(address, attribute, target),
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
