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
  /** The container that receives the load balancer's requests: a `name` in container_definitions.json. */
  readonly containerName: string;
  /** That container's `portMappings[].containerPort`. */
  readonly containerPort: number;
}

export interface FargateServiceProps {
  /** The service's name, unique in its cluster (the note's `example`). */
  readonly name: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  /** The private subnets the tasks run in. */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly loadBalancer: ServiceLoadBalancerBinding;
  /**
   * When given, `loadBalancer` is checked against the containers in this file.
   * @default no check
   */
  readonly containerDefinitions?: ContainerDefinitionsFile;
  /**
   * How many tasks the service keeps running.
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * The Fargate platform version, pinned: `LATEST` is not always the newest.
   * @default "1.4.0" (the note's 1.3.0 is retired)
   */
  readonly platformVersion?: string;
  /**
   * Seconds after a task starts before its load balancer health checks count.
   * @default 60
   */
  readonly healthCheckGracePeriodSeconds?: number;
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
}

/** The note's `aws_ecs_service.example`. */
export class FargateService extends Construct {
  public readonly serviceName: string;

  public constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const name = props.name;
    const desiredCount = props.desiredCount ?? 2;
    const platformVersion = props.platformVersion ?? "1.4.0";
    const healthCheckGracePeriodSeconds = props.healthCheckGracePeriodSeconds ?? 60;

    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "FargateService", props.terraformNames, problems);
    problems.check("name", name, ecsName);
    problems.check("desiredCount", desiredCount, wholeNumber(0));
    problems.check("platformVersion", platformVersion, platformVersionRule);
    problems.check("healthCheckGracePeriodSeconds", healthCheckGracePeriodSeconds, wholeNumber(0, 2147483647));
    problems.check("subnetIds", props.subnetIds, nonEmpty);
    problems.check("securityGroupIds", props.securityGroupIds, nonEmpty);
    this.checkBinding(problems, props.loadBalancer, props.containerDefinitions);

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
      networkConfiguration: {
        assignPublicIp: false, // the tasks run in private subnets
        securityGroups: props.securityGroupIds,
        subnets: props.subnetIds,
      },
      loadBalancer: [
        {
          targetGroupArn: props.loadBalancer.targetGroupArn,
          // With several containers, the one that first receives the load balancer's requests.
          containerName: props.loadBalancer.containerName,
          containerPort: props.loadBalancer.containerPort,
        },
      ],
      lifecycle: {
        // Every deploy registers a new task definition revision outside Terraform;
        // without this, each plan would offer to roll the service back.
        ignoreChanges: ["task_definition"],
      },
      dependsOn: props.dependsOn,
    });
    service.overrideLogicalId(terraformName(names, "example", id));

    this.serviceName = service.name;
  }

  private checkBinding(problems: Problems, binding: ServiceLoadBalancerBinding, file?: ContainerDefinitionsFile): void {
    problems.check("loadBalancer.containerPort", binding.containerPort, port);
    // Only a file without errors, and a port in range, are compared: one mistake makes
    // one line, not a cascade (the task definition reports the file's own errors).
    if (!file || file.errors.length > 0 || isUnresolved(binding.containerName)) return;
    if (!isUnresolved(binding.containerPort) && port(binding.containerPort) !== undefined) return;
    const container = file.containers.find((c) => c.name === binding.containerName);
    if (!container) {
      const names = file.containers.map((c) => c.name).join(", ");
      problems.report(
        "loadBalancer.containerName",
        `must name a container in ${file.label} (${names})`,
        binding.containerName,
      );
      return;
    }
    const ports = (container.portMappings ?? []).map((p) => p.containerPort);
    if (!isUnresolved(binding.containerPort) && !ports.includes(binding.containerPort)) {
      problems.report(
        "loadBalancer.containerPort",
        `must be a containerPort of "${binding.containerName}" in ${file.label} (${ports.join(", ") || "none"})`,
        binding.containerPort,
      );
    }
  }
}
