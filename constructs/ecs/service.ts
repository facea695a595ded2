// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { ecsName, nonEmpty, port, wholeNumber } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";
import { ContainerDefinitionsFile } from "./container-definitions";
import { platformVersionRule } from "./platform-version";

export interface ServiceLoadBalancerBinding {
  /** The target group the service registers its tasks in. */
  readonly targetGroupArn: string;
  /** The container that receives the target group's requests: a `name` in container_definitions.json. */
  readonly containerName: string;
  /** That container's `portMappings[].containerPort`. */
  readonly containerPort: number;
}

/** ECS registers a service's tasks in at most this many target groups. */
export const MAX_LOAD_BALANCERS = 5;

export interface FargateServiceProps {
  /** The service's name, unique in its cluster (the note's `example`). */
  readonly name: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  /** The private subnets the tasks run in. */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /**
   * The target groups the service registers its tasks in, each with the container and port that
   * receive its requests (the note's one: container `example`, port 80). At most 5.
   * @default none: a service no load balancer reaches (a worker)
   */
  readonly loadBalancers?: readonly ServiceLoadBalancerBinding[];
  /**
   * When given, `loadBalancers` are checked against the containers in this file.
   * @default no check
   */
  readonly containerDefinitions?: ContainerDefinitionsFile;
  /**
   * How many tasks the service keeps running; with `autoscaled`, the count it starts with.
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * The Fargate platform version, pinned: `LATEST` is not always the newest.
   * @default "1.4.0" (the note's 1.3.0 is retired)
   */
  readonly platformVersion?: string;
  /**
   * Seconds after a task starts before its load balancer health checks count. Only for a
   * service with `loadBalancers`: ECS rejects it on any other.
   * @default 60 with `loadBalancers`, none without
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * The deployment circuit breaker: a deployment whose tasks keep failing to start or to become
   * healthy is marked failed and stops launching tasks; with `rollback`, ECS goes back to the
   * last deployment that completed.
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html
   * @default none, as in the note: a failing deployment goes on replacing tasks until someone stops it
   */
  readonly deploymentCircuitBreaker?: { readonly rollback: boolean };
  /**
   * During a deployment, the share of the desired count (rounded up) that must keep running,
   * in percent: 0 to 100.
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
   * @default unset: ECS's 100, no task stops before its replacement is healthy
   */
  readonly deploymentMinimumHealthyPercent?: number;
  /**
   * During a deployment, the share of the desired count (rounded down) that may run or start,
   * in percent: 100 to 200. Below 100 a deployment could not start a replacement before stopping
   * a task; above 200 it could start more tasks than it has to replace.
   * @default unset: ECS's 200, a whole new set of tasks may start beside the old one
   */
  readonly deploymentMaximumPercent?: number;
  /**
   * ECS Exec: `aws ecs execute-command` opens a shell or runs a command in a running
   * container, through Systems Manager. The task role must allow the `ssmmessages` channel
   * actions (`TaskRole`'s `enableExecuteCommand`).
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
   * @default false, as in the note
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Whether Application Auto Scaling owns the desired count (`ServiceAutoscaling`): then
   * Terraform sets `desiredCount` only when it creates the service and ignores it afterwards.
   * @default false: Terraform owns the desired count
   */
  readonly autoscaled?: boolean;
  /**
   * Resources the service must wait for. ECS rejects a target group that is not yet
   * attached to a load balancer, so pass the listener rule here.
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The Terraform names of the service.
   * @default "note" for the stack's first service (`aws_ecs_service.example`), "own" for later ones (`aws_ecs_service.<id>`)
   */
  readonly terraformNames?: TerraformNames;
  /**
   * The Terraform name the construct's owner gives the service (a stack's service of its own,
   * named after its key): `aws_ecs_service.<it>`, whatever `terraformNames` says.
   * @default none: named by `terraformNames`
   */
  readonly terraformName?: string;
}

/** The note's `aws_ecs_service.example`. */
export class FargateService extends Construct {
  public readonly serviceName: string;
  /** The count the service starts with, for the autoscaling bounds check. */
  public readonly desiredCount: number;

  public constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const name = props.name;
    const desiredCount = props.desiredCount ?? 2;
    const platformVersion = props.platformVersion ?? "1.4.0";
    const loadBalancers = props.loadBalancers ?? [];
    const healthCheckGracePeriodSeconds =
      props.healthCheckGracePeriodSeconds ?? (loadBalancers.length > 0 ? 60 : undefined);

    const problems = new Problems(this);
    const address =
      props.terraformName ??
      terraformName(resolveTerraformNames(this, "FargateService", props.terraformNames, problems), "example", id);
    problems.check("name", name, ecsName);
    problems.check("desiredCount", desiredCount, wholeNumber(0));
    problems.check("platformVersion", platformVersion, platformVersionRule);
    problems.check("subnetIds", props.subnetIds, nonEmpty);
    problems.check("securityGroupIds", props.securityGroupIds, nonEmpty);
    this.checkGracePeriod(problems, healthCheckGracePeriodSeconds, loadBalancers.length > 0);
    if (loadBalancers.length > MAX_LOAD_BALANCERS) {
      problems.report(
        "loadBalancers",
        `must hold at most ${MAX_LOAD_BALANCERS} target groups (ECS's limit)`,
        loadBalancers,
      );
    }
    loadBalancers.forEach((binding, i) =>
      this.checkBinding(problems, `loadBalancers[${i}]`, binding, props.containerDefinitions),
    );
    this.checkDeploymentPercents(problems, props.deploymentMinimumHealthyPercent, props.deploymentMaximumPercent);

    const service = new EcsService(this, "service", {
      name,
      cluster: props.clusterArn,
      taskDefinition: props.taskDefinitionArn,
      desiredCount,
      launchType: "FARGATE",
      // Pinned: LATEST is not always the newest version. The note pins 1.3.0, which AWS retired.
      platformVersion,
      // Without a grace period a slow-starting task fails its health checks and is
      // stopped and restarted forever.
      healthCheckGracePeriodSeconds,
      deploymentCircuitBreaker: props.deploymentCircuitBreaker && {
        enable: true,
        rollback: props.deploymentCircuitBreaker.rollback,
      },
      deploymentMinimumHealthyPercent: props.deploymentMinimumHealthyPercent,
      deploymentMaximumPercent: props.deploymentMaximumPercent,
      enableExecuteCommand: props.enableExecuteCommand,
      networkConfiguration: {
        assignPublicIp: false, // the tasks run in private subnets
        securityGroups: props.securityGroupIds,
        subnets: props.subnetIds,
      },
      // Per target group, the container and port that receive its requests.
      loadBalancer:
        loadBalancers.length === 0
          ? undefined
          : loadBalancers.map((binding) => ({
              targetGroupArn: binding.targetGroupArn,
              containerName: binding.containerName,
              containerPort: binding.containerPort,
            })),
      lifecycle: {
        ignoreChanges: [
          // Every deploy registers a new task definition revision outside Terraform;
          // without this, each plan would offer to roll the service back.
          "task_definition",
          // Once autoscaled, the scaler owns the count: without this, every apply would reset
          // the service to `desiredCount`, whatever load the scaler was answering.
          ...(props.autoscaled ? ["desired_count"] : []),
        ],
      },
      dependsOn: props.dependsOn,
    });
    service.overrideLogicalId(address);

    this.serviceName = service.name;
    this.desiredCount = desiredCount;
  }

  /**
   * ECS's bounds, and the one pair it cannot deploy with: at 100% minimum and 100% maximum no
   * new task may start and no old one may stop, so a deployment never progresses.
   */
  private checkDeploymentPercents(problems: Problems, minimum?: number, maximum?: number): void {
    if (minimum !== undefined) problems.check("deploymentMinimumHealthyPercent", minimum, wholeNumber(0, 100));
    if (maximum === undefined) return;
    problems.check("deploymentMaximumPercent", maximum, wholeNumber(100, 200));
    if (isUnresolved(maximum) || isUnresolved(minimum) || wholeNumber(100, 200)(maximum) !== undefined) return;
    if (minimum !== undefined && wholeNumber(0, 100)(minimum) !== undefined) return;
    if (maximum === 100 && (minimum ?? 100) === 100) {
      problems.report(
        "deploymentMaximumPercent",
        `must be above 100 while the minimum healthy percent is 100${minimum === undefined ? " (ECS's default)" : ""}: a deployment could neither start a new task nor stop an old one`,
        maximum,
      );
    }
  }

  /** ECS's range, and only with a load balancer: ECS rejects a grace period on a service without one. */
  private checkGracePeriod(problems: Problems, seconds: number | undefined, loadBalanced: boolean): void {
    if (seconds === undefined) return;
    if (!loadBalanced) {
      problems.report(
        "healthCheckGracePeriodSeconds",
        "must be left out for a service without `loadBalancers`: ECS takes a grace period only for load balancer health checks",
        seconds,
      );
      return;
    }
    problems.check("healthCheckGracePeriodSeconds", seconds, wholeNumber(0, 2147483647));
  }

  /** One binding's container and port against the containers of the file: a container not in the task, a port it does not map. */
  private checkBinding(
    problems: Problems,
    at: string,
    binding: ServiceLoadBalancerBinding,
    file?: ContainerDefinitionsFile,
  ): void {
    problems.check(`${at}.containerPort`, binding.containerPort, port);
    // Only a file without errors, and a port in range, are compared: one mistake makes
    // one line, not a cascade (the task definition reports the file's own errors).
    if (!file || file.errors.length > 0 || isUnresolved(binding.containerName)) return;
    if (!isUnresolved(binding.containerPort) && port(binding.containerPort) !== undefined) return;
    const container = file.containers.find((c) => c.name === binding.containerName);
    if (!container) {
      const names = file.containers.map((c) => c.name).join(", ");
      problems.report(
        `${at}.containerName`,
        `must name a container in ${file.label} (${names})`,
        binding.containerName,
      );
      return;
    }
    const ports = (container.portMappings ?? []).map((p) => p.containerPort);
    if (!isUnresolved(binding.containerPort) && !ports.includes(binding.containerPort)) {
      problems.report(
        `${at}.containerPort`,
        `must be a containerPort of "${binding.containerName}" in ${file.label} (${ports.join(", ") || "none"})`,
        binding.containerPort,
      );
    }
  }
}
