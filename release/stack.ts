// What a release acts on, read from the synthesized stack (`<out>/stacks/<stack>/cdk.tf.json`):
// one of its services, by key (the note's `example` by default, `worker` for aws_ecs_service.worker),
// and the names Terraform gave its cluster, the service, its task definition's family, the
// container a release replaces and the image repository. Nothing is typed twice.
import * as fs from "fs";
import * as path from "path";
import { outputFolder, stackFolder } from "../plan-review/stacks";
import { resolveStack } from "./args";
import { ReleaseError } from "./errors";

/** The service a release acts on unless `--service` names another: the note's, `aws_ecs_service.example`. */
export const DEFAULT_SERVICE = "example";

export interface ReleaseTarget {
  readonly stack: string;
  readonly region: string;
  /** The service's key: its Terraform name, `example` (the note's) or a key of the environment's `services`. */
  readonly serviceKey: string;
  /** The service's Terraform address, e.g. `aws_ecs_service.example`. */
  readonly serviceAddress: string;
  readonly cluster: string;
  readonly service: string;
  /** The task definition's family: Terraform registers its revisions, releases register theirs. */
  readonly family: string;
  /**
   * The container whose image a release replaces by default: the service's first load-balanced
   * container, or, for a service without a load balancer, its task's first essential container.
   */
  readonly container: string;
  /** `desired_count` is in the service's `ignore_changes`: an autoscaler owns it. */
  readonly autoscaled: boolean;
  /** The circuit breaker rolls a failed deployment back. */
  readonly rollbackOnFailure: boolean;
  /** The stack's ECR repository (`aws_ecr_repository.example`), when it has one. */
  readonly ecrRepository?: string;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const first = (value: unknown): Json =>
  Array.isArray(value) && isRecord(value[0]) ? value[0] : isRecord(value) ? value : {};

/** The synthesized app's folder: `CDKTF_OUTDIR` when set (as cdktf writes it), else `npm run plan`'s. */
export function releaseOutputFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.CDKTF_OUTDIR ? path.resolve(env.CDKTF_OUTDIR) : outputFolder(env);
}

/** `${aws_ecs_cluster.example.arn}` -> the resource `aws_ecs_cluster.example` of the stack. */
function referenced(resources: Json, reference: unknown, type: string): Json | undefined {
  const match =
    typeof reference === "string" ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(reference) : null;
  if (!match || match[1] !== type) return undefined;
  const ofType = resources[type];
  const resource = isRecord(ofType) ? ofType[match[2] ?? ""] : undefined;
  return isRecord(resource) ? resource : undefined;
}

/** The first essential container of a task definition's `container_definitions` (ECS takes a missing `essential` as true). */
function firstEssential(containerDefinitions: unknown): string {
  try {
    const containers = JSON.parse(text(containerDefinitions)) as unknown;
    if (!Array.isArray(containers)) return "";
    const found = containers.filter(isRecord).find((c) => c.essential !== false);
    return text(found?.name);
  } catch {
    return "";
  }
}

/** The service of `stack` named `key`, or a refusal that lists the keys the stack has. */
function serviceOf(resources: Json, stack: string, key: string): Json {
  const services = isRecord(resources.aws_ecs_service) ? resources.aws_ecs_service : {};
  const service = services[key];
  if (isRecord(service)) return service;
  const keys = Object.keys(services);
  throw new ReleaseError(
    `${stack} has no service ${JSON.stringify(key)} (aws_ecs_service.${key}): --service takes ${keys.join(", ") || "none"}`,
  );
}

/** Reads the release target of a stack (or environment) and one of its services from the synthesized app in `out`. */
export function readReleaseTarget(wanted: string, out: string, serviceKey: string = DEFAULT_SERVICE): ReleaseTarget {
  const stack = resolveStack(wanted, out);
  const json = JSON.parse(fs.readFileSync(path.join(stackFolder(out, stack), "cdk.tf.json"), "utf8")) as Json;
  const resources = isRecord(json.resource) ? json.resource : {};
  const service = serviceOf(resources, stack, serviceKey);
  const serviceAddress = `aws_ecs_service.${serviceKey}`;
  const cluster = referenced(resources, service.cluster, "aws_ecs_cluster");
  const taskDefinition = referenced(resources, service.task_definition, "aws_ecs_task_definition");
  if (!cluster || !taskDefinition) {
    throw new ReleaseError(`${stack}: ${serviceAddress} must name its cluster and task definition by reference`);
  }
  const lifecycle = first(service.lifecycle);
  const ignored = Array.isArray(lifecycle.ignore_changes) ? lifecycle.ignore_changes : [];
  const repository = isRecord(resources.aws_ecr_repository) ? first(resources.aws_ecr_repository.example) : {};
  const provider = isRecord(json.provider) ? first(json.provider.aws) : {};
  return {
    stack,
    region: text(provider.region),
    serviceKey,
    serviceAddress,
    cluster: text(cluster.name),
    service: text(service.name),
    family: text(taskDefinition.family),
    container:
      text(first(service.load_balancer).container_name) || firstEssential(taskDefinition.container_definitions),
    autoscaled: ignored.includes("desired_count"),
    rollbackOnFailure: first(service.deployment_circuit_breaker).rollback === true,
    ecrRepository: typeof repository.name === "string" ? repository.name : undefined,
  };
}

/** How a command line names the target's service: nothing for the note's, ` --service <key>` for another. */
export function serviceOption(target: Pick<ReleaseTarget, "serviceKey">): string {
  return target.serviceKey === DEFAULT_SERVICE ? "" : ` --service ${target.serviceKey}`;
}
