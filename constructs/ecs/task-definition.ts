// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { ecsName } from "../shared/rules";
import { Problems } from "../shared/validation";
import { ContainerDefinitionsFile, loadContainerDefinitions } from "./container-definitions";
import { applyContainerOverrides, ContainerHealthCheck, ContainerSecret } from "./container-overrides";
import { fargateCpuRule, fargateMemoryRule } from "./fargate-sizes";

export interface FargateTaskDefinitionProps {
  /** The note's `container_definitions.json`, read and checked at synth time. */
  readonly containerDefinitionsFile: string;
  /** The role ECS uses to start the task: pull the image, write logs, read secrets (`execution_role_arn`). */
  readonly executionRoleArn: string;
  /** The family: the name prefix of every revision (the note's `example`: `example:1`, `example:2`, ...). */
  readonly family: string;
  /**
   * CPU units (1024 = 1 vCPU). Only some cpu/memory pairs are valid on Fargate.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Memory in MiB, valid for `cpu`.
   * @default 512
   */
  readonly memoryMiB?: number;
  /**
   * The log group every awslogs configuration sends to: filled in where the file leaves
   * `awslogs-group` out, checked where it gives one.
   * @default no check; the file must name its log groups
   */
  readonly logGroupName?: string;
  /**
   * The region every awslogs configuration names: filled in where the file leaves
   * `awslogs-region` out, checked where it gives one.
   * @default no check; the file must name its regions
   */
  readonly region?: string;
  /**
   * The role the application in the containers assumes for its own AWS calls (`task_role_arn`;
   * `TaskRole`). ECS Exec needs one.
   * @default none, as in the note: the containers get no AWS credentials
   */
  readonly taskRoleArn?: string;
  /**
   * The container `image`, `healthCheck` and `secrets` apply to: the load-balanced one (the stack
   * passes the service's first target's).
   * @default the file's only container; required with those settings when the file holds several
   */
  readonly containerName?: string;
  /**
   * The image of that container, over the file's: e.g. an ECR repository URL with a tag or a
   * digest, so that a deploy pipeline changes one value rather than the JSON file.
   * @default the file's `image`
   */
  readonly image?: string;
  /**
   * That container's own health check (`healthCheck` in the container definition). A container
   * that declares one in the file cannot get a second.
   * @default none, as in the note: only the load balancer's health check counts
   */
  readonly healthCheck?: ContainerHealthCheck;
  /**
   * Secrets by environment variable name, merged into each container's `secrets` (that
   * container by default): ECS reads them with the execution role when the task starts. A name
   * the container already declares, in `secrets` or in `environment`, is an error.
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar.html
   * @default none
   */
  readonly secrets?: Readonly<Record<string, ContainerSecret>>;
  /**
   * Resources the task definition waits for, such as its log group.
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The Terraform name the construct that owns this task definition gives it (`example_batch` for
   * the book's scheduled task, a service's key for a service of its own): `aws_ecs_task_definition.<it>`,
   * whatever `terraformNames` says.
   * @default none: named by `terraformNames`
   */
  readonly terraformName?: string;
  /**
   * The Terraform names of a task definition without a `terraformName`.
   * @default "note" for the stack's first such task definition (`aws_ecs_task_definition.example`), "own" for later ones (`aws_ecs_task_definition.<id>`)
   */
  readonly terraformNames?: TerraformNames;
}

/** The note's `aws_ecs_task_definition.example`, Fargate only. */
export class FargateTaskDefinition extends Construct {
  /** The ARN of Terraform's revision (`<family>:<revision>`): what a service is created with. */
  public readonly taskDefinitionArn: string;
  /**
   * The family's ARN, without a revision: ECS runs the newest ACTIVE revision of the family, whoever
   * registered it (Terraform or a release). What a scheduled task's target names.
   */
  public readonly taskDefinitionFamilyArn: string;
  /** The containers as read from the file, before the settings' image, health check and secrets, for checks by the service that runs them. */
  public readonly containerDefinitions: ContainerDefinitionsFile;

  public constructor(scope: Construct, id: string, props: FargateTaskDefinitionProps) {
    super(scope, id);
    const family = props.family;
    const cpu = props.cpu ?? 256;
    const memoryMiB = props.memoryMiB ?? 512;
    const networkMode = "awsvpc"; // Fargate requires awsvpc

    const problems = new Problems(this);
    const address =
      props.terraformName ??
      terraformName(
        resolveTerraformNames(this, "FargateTaskDefinition", props.terraformNames, problems),
        "example",
        id,
      );
    problems.check("family", family, ecsName);
    problems.check("cpu", cpu, fargateCpuRule);
    problems.check("memoryMiB", memoryMiB, (m) => fargateMemoryRule(cpu, m));

    this.containerDefinitions = loadContainerDefinitions(props.containerDefinitionsFile, {
      networkMode,
      logGroupName: props.logGroupName,
      region: props.region,
      // Containers are compared with a valid task size only: a wrong size is one line, its own.
      taskSize:
        fargateCpuRule(cpu) === undefined && fargateMemoryRule(cpu, memoryMiB) === undefined
          ? { cpu, memoryMiB }
          : undefined,
    });
    this.containerDefinitions.errors.forEach((error) => problems.raw(error));
    const containerDefinitions = applyContainerOverrides(this.containerDefinitions, props, problems);

    const taskDefinition = new EcsTaskDefinition(this, "task_definition", {
      // Each update registers a new revision: example:1, example:2, ...
      family,
      cpu: String(cpu),
      memory: String(memoryMiB),
      networkMode,
      requiresCompatibilities: ["FARGATE"],
      containerDefinitions,
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      dependsOn: props.dependsOn,
      // A replacement registers a new revision and leaves the old one registered (the note's
      // default deregisters it): the service may still run it, and a rollback goes back to it.
      // Releases register their own revisions outside Terraform (`release/`).
      skipDestroy: true,
    });
    taskDefinition.overrideLogicalId(address);

    this.taskDefinitionArn = taskDefinition.arn;
    this.taskDefinitionFamilyArn = taskDefinition.arnWithoutRevision;
  }
}
