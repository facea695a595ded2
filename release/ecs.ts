// The ECS calls of a release: the stack's service and revisions, a new revision, the service update.
import {
  ContainerDefinition,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  Service,
  Tag,
  TagResourceCommand,
  TaskDefinition,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { ReleaseError } from "./errors";
import { Release, releaseOf, revisionName, TAG } from "./history";
import { ReleaseTarget } from "./stack";

export interface Revision {
  readonly definition: TaskDefinition;
  readonly tags: Tag[];
}

const errorName = (error: unknown): string => (error as { name?: string }).name ?? "";

function notDeployed(target: ReleaseTarget, what: string): ReleaseError {
  return new ReleaseError(
    `${target.stack} is not deployed: ${what} (region ${target.region}); deploy it first ` +
      `(npm run deploy:local, or npm run plan -- ${target.stack} and npm run apply -- ${target.stack})`,
  );
}

/** The service, or a refusal when the stack is not deployed. */
export async function describeService(ecs: ECSClient, target: ReleaseTarget): Promise<Service> {
  const missing = `no ECS service ${target.service} in cluster ${target.cluster}`;
  try {
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
    );
    const service = services?.[0];
    if (!service || service.status !== "ACTIVE") throw notDeployed(target, missing);
    return service;
  } catch (error) {
    if (errorName(error) === "ClusterNotFoundException") throw notDeployed(target, missing);
    throw error;
  }
}

/** The family's revisions with `status`, newest first. */
export async function listRevisions(ecs: ECSClient, family: string, status: "ACTIVE" | "INACTIVE"): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: family, status, sort: "DESC", nextToken }),
    );
    arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => revisionName(arn).split(":")[0] === family));
    nextToken = page.nextToken;
  } while (nextToken);
  const number = (arn: string) => Number(arn.slice(arn.lastIndexOf(":") + 1));
  return arns.sort((a, b) => number(b) - number(a));
}

export async function describeRevision(ecs: ECSClient, arn: string): Promise<Revision> {
  const result = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ["TAGS"] }));
  if (!result.taskDefinition) throw new ReleaseError(`no task definition ${revisionName(arn)}`);
  return { definition: result.taskDefinition, tags: result.tags ?? [] };
}

/** The latest revision Terraform registered for the family: the newest active one that no release made. */
export async function terraformRevision(ecs: ECSClient, target: ReleaseTarget): Promise<Revision> {
  for (const arn of await listRevisions(ecs, target.family, "ACTIVE")) {
    const revision = await describeRevision(ecs, arn);
    if (!revision.tags.some((t) => t.key === TAG.image)) return revision;
  }
  throw notDeployed(target, `no active revision of task definition family ${target.family} that Terraform registered`);
}

/** The rollouts of the family, newest first, at most `limit`. */
export async function listReleases(ecs: ECSClient, family: string, limit: number): Promise<Release[]> {
  const active = await listRevisions(ecs, family, "ACTIVE");
  const inactive = await listRevisions(ecs, family, "INACTIVE");
  const number = (arn: string) => Number(arn.slice(arn.lastIndexOf(":") + 1));
  const all = [
    ...active.map((arn) => ({ arn, status: "ACTIVE" })),
    ...inactive.map((arn) => ({ arn, status: "INACTIVE" })),
  ];
  all.sort((a, b) => number(b.arn) - number(a.arn));
  const releases: Release[] = [];
  for (const { arn, status } of all) {
    if (releases.length >= limit) break;
    const { tags } = await describeRevision(ecs, arn);
    const release = releaseOf(arn, status, tags);
    if (release) releases.push(release);
  }
  return releases;
}

/** The container of a revision named `name`, or a refusal listing the revision's containers. */
export function containerOf(definition: TaskDefinition, name: string, option: string): ContainerDefinition {
  const containers = definition.containerDefinitions ?? [];
  const found = containers.find((c) => c.name === name);
  if (found) return found;
  throw new ReleaseError(
    `${option} ${JSON.stringify(name)} is not a container of ${revisionName(definition.taskDefinitionArn)}: ` +
      `it has ${containers.map((c) => c.name).join(", ") || "none"}`,
  );
}

/** Registers `base` again with `container` running `image`, tagged as a release. Nothing else of it changes. */
export async function registerRelease(
  ecs: ECSClient,
  base: Revision,
  container: string,
  image: string,
  tags: Tag[],
): Promise<TaskDefinition> {
  const d = base.definition;
  const { taskDefinition } = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: d.family,
      taskRoleArn: d.taskRoleArn,
      executionRoleArn: d.executionRoleArn,
      networkMode: d.networkMode,
      containerDefinitions: (d.containerDefinitions ?? []).map((c) => (c.name === container ? { ...c, image } : c)),
      volumes: d.volumes,
      placementConstraints: d.placementConstraints,
      requiresCompatibilities: d.requiresCompatibilities,
      cpu: d.cpu,
      memory: d.memory,
      pidMode: d.pidMode,
      ipcMode: d.ipcMode,
      proxyConfiguration: d.proxyConfiguration,
      inferenceAccelerators: d.inferenceAccelerators,
      ephemeralStorage: d.ephemeralStorage,
      runtimePlatform: d.runtimePlatform,
      tags,
    }),
  );
  if (!taskDefinition?.taskDefinitionArn) throw new ReleaseError("ECS registered no task definition");
  return taskDefinition;
}

/** Points the service at a revision (never its desired count); returns the new deployment's id. */
export async function deploy(ecs: ECSClient, target: ReleaseTarget, taskDefinitionArn: string): Promise<string> {
  const { service } = await ecs.send(
    new UpdateServiceCommand({ cluster: target.cluster, service: target.service, taskDefinition: taskDefinitionArn }),
  );
  const deployment = service?.deployments?.find(
    (d) => d.status === "PRIMARY" && d.taskDefinition === taskDefinitionArn,
  );
  if (!deployment?.id) throw new ReleaseError(`ECS started no deployment of ${revisionName(taskDefinitionArn)}`);
  return deployment.id;
}

export async function setOutcome(ecs: ECSClient, arn: string, outcome: string): Promise<void> {
  await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: TAG.outcome, value: outcome }] }));
}
