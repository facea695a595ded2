// The shape of one environment's settings: grouped by construct, each group typed from
// the construct's own props (minus what the stack wires between constructs), so that a
// setting is documented once, where the construct uses it, with its default.
import type {
  FargateClusterProps,
  EcsLogGroupProps,
  FargateServiceProps,
  FargateTaskDefinitionProps,
} from "../constructs/ecs";
import type { ServiceLoadBalancerBinding, TaskExecutionRoleProps } from "../constructs/ecs";
import type { LoadBalancerProps } from "../constructs/load-balancer";
import type { NetworkProps } from "../constructs/network";
import type { ChecksSettings } from "../checks/aspect";

/** One environment: one CDKTF stack, one Terraform state, its own AWS names. */
export interface EnvironmentSettings {
  /** The environment's name: the `Environment` tag of every resource. Lowercase letters, digits and hyphens. */
  readonly environment: string;
  /** The CDKTF stack: `cdktf.out/stacks/<it>/`, `cdktf deploy <it>`, the state key. */
  readonly stackName: string;
  /** The AWS region of every resource. */
  readonly region: string;
  /** The `Project` tag of every resource. */
  readonly project: string;
  readonly network: NetworkSettings;
  readonly loadBalancer: LoadBalancerSettings;
  readonly cluster: ClusterSettings;
  readonly logs: LogsSettings;
  readonly taskExecutionRole: TaskExecutionRoleSettings;
  readonly taskDefinition: TaskDefinitionSettings;
  readonly service: ServiceSettings;
  readonly state: StateSettings;
  /** The synth-time checks (`checks/`): what this environment accepts on purpose, and strict mode. */
  readonly checks: ChecksSettings;
}

/** The VPC, its subnets, gateways and routes (`constructs/network`). */
export type NetworkSettings = Omit<NetworkProps, "region">;

/** The load balancer, its listener, target group and `http_sg` (`constructs/load-balancer`). */
export type LoadBalancerSettings = Omit<LoadBalancerProps, "vpcId" | "subnetIds" | "targetPort">;

/** The ECS cluster (`constructs/ecs/cluster.ts`). */
export type ClusterSettings = FargateClusterProps;

/** The containers' log group (`constructs/ecs/log-group.ts`). */
export type LogsSettings = EcsLogGroupProps;

/** The role ECS uses to start the tasks (`constructs/ecs/task-execution-role.ts`). */
export type TaskExecutionRoleSettings = TaskExecutionRoleProps;

/** The task definition (`constructs/ecs/task-definition.ts`); the file is relative to the project root. */
export type TaskDefinitionSettings = Omit<
  FargateTaskDefinitionProps,
  "executionRoleArn" | "logGroupName" | "region" | "dependsOn"
>;

/** The service (`constructs/ecs/service.ts`), the container it exposes and its `nginx_sg` security group. */
export type ServiceSettings = Omit<
  FargateServiceProps,
  | "clusterArn"
  | "taskDefinitionArn"
  | "subnetIds"
  | "securityGroupIds"
  | "loadBalancer"
  | "containerDefinitions"
  | "dependsOn"
> & {
  /** The container and port the load balancer sends requests to; `nginx_sg` opens that port to the VPC. */
  readonly loadBalancedContainer: Omit<ServiceLoadBalancerBinding, "targetGroupArn">;
  /** The name of the service's security group, the `nginx_sg` module instance (the note's `nginx-sg`). */
  readonly securityGroupName: string;
};

/** Where Terraform keeps the environment's state. */
export interface StateSettings {
  /**
   * An S3 bucket for the state (create it with `npm run bootstrap:state -- <bucket>`);
   * `TF_STATE_BUCKET` overrides it for every environment.
   * @default none: a local file, `terraform.<stack>.tfstate` at the project root
   */
  readonly bucket?: string;
  /**
   * The state object's key in the bucket.
   * @default "<stackName>/terraform.tfstate"
   */
  readonly key?: string;
  /**
   * The bucket's region.
   * @default the environment's region
   */
  readonly region?: string;
  /**
   * A DynamoDB table for state locking, for teams still on Terraform older than 1.10.
   * @default none: S3-native locking (a `<key>.tflock` object beside the state, `use_lockfile`)
   */
  readonly dynamodbTable?: string;
}
