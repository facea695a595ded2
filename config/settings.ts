// The shape of one environment's settings: grouped by construct, each group typed from
// the construct's own props (minus what the stack wires between constructs), so that a
// setting is documented once, where the construct uses it, with its default. A group that
// is optional here turns a feature on by being present: the dev environment (the note)
// leaves them all out.
import type { ChecksSettings } from "../checks/aspect";
import type { AccessLogBucketProps } from "../constructs/access-logs";
import type { AliasRecordProps, DnsCertificateProps } from "../constructs/dns";
import type { EcrRepositoryProps } from "../constructs/ecr";
import type {
  EcsEventsRoleProps,
  FargateClusterProps,
  FargateServiceProps,
  FargateTaskDefinitionProps,
  ServiceAutoscalingProps,
  ScheduledFargateTaskProps,
  ScheduledTaskDefinitionProps,
  ScheduledTaskLogsProps,
  ServiceLoadBalancerBinding,
  TaskExecutionRoleProps,
  TaskRoleProps,
  TaskSecretsProps,
} from "../constructs/ecs";
import type { CustomerManagedKeyProps } from "../constructs/kms";
import type { LoadBalancerHttps, LoadBalancerProps, LoadBalancerTarget } from "../constructs/load-balancer";
import type { LogGroupProps } from "../constructs/log-group";
import type { NetworkFlowLogs, NetworkProps } from "../constructs/network";
import type { SecurityGroupOptions } from "../constructs/security-group";
import type { WebAclLogging, WebAclProps } from "../constructs/waf";

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
  /**
   * A customer-managed KMS key that encrypts the stack's log groups (the containers', flow
   * logs', WAF's).
   * @default none: log groups encrypted with CloudWatch's own key (the note's)
   */
  readonly kms?: KmsSettings;
  readonly loadBalancer: LoadBalancerSettings;
  /**
   * An S3 bucket for the load balancer's access logs.
   * @default none: no access logs (the note's)
   */
  readonly accessLogs?: AccessLogsSettings;
  /**
   * A WAFv2 web ACL with AWS managed rule groups in front of the load balancer.
   * @default none (the note's)
   */
  readonly waf?: WafSettings;
  readonly cluster: ClusterSettings;
  readonly logs: LogsSettings;
  readonly taskExecutionRole: TaskExecutionRoleSettings;
  /**
   * The application's own role (`task_role_arn`), separate from the execution role that only ECS
   * uses, and ECS Exec, which runs under it (`taskRole.enableExecuteCommand`).
   * @default none: the tasks have no AWS permissions and no ECS Exec (the note's)
   */
  readonly taskRole?: TaskRoleSettings;
  /**
   * Secrets from SSM Parameter Store (or Secrets Manager) injected into the load-balanced
   * container, and the parameters the stack creates for them; the execution role is scoped to them.
   * @default none (the note's)
   */
  readonly secrets?: SecretsSettings;
  readonly taskDefinition: TaskDefinitionSettings;
  readonly service: ServiceSettings;
  /**
   * Application Auto Scaling of the service's task count; `desired_count` then joins the
   * service's `ignore_changes`, so that an apply never resets what the scaler chose.
   * @default none: a fixed `service.desiredCount` (the note's)
   */
  readonly autoscaling?: AutoscalingSettings;
  /**
   * Services beside the note's, by key (`worker`), in the same VPC and cluster, behind the same
   * load balancer when they have targets, logging as the note's does. Each is named after the
   * note's names and its key (service and family `<service.name>-<key>`, log group
   * `<logs.name>-<key>`), and its Terraform addresses after its key (`aws_ecs_service.<key>`).
   * @default none: the note's one service
   */
  readonly services?: Readonly<Record<string, OtherServiceSettings>>;
  /**
   * An ECR repository for the application's images (the book's chapter 14), encrypted with `kms`'s
   * key when there is one; releases (`npm run rollout`) then run only images of it that are in it.
   * @default none: images from anywhere, as in the note
   */
  readonly ecr?: EcrSettings;
  /**
   * Tasks EventBridge runs on a schedule (the book's chapter 10), each with its own task definition
   * and log group, in the cluster and the private subnets, with the execution role; and the role
   * EventBridge runs them with.
   * @default none (the note's)
   */
  readonly scheduledTasks?: ScheduledTasksSettings;
  readonly state: StateSettings;
  /** The synth-time checks (`checks/`): what this environment accepts on purpose, and strict mode. */
  readonly checks: ChecksSettings;
}

/** The VPC, its subnets, gateways, routes and flow logs (`constructs/network`); flow logs use `kms`'s key. */
export type NetworkSettings = Omit<NetworkProps, "region" | "flowLogs"> & {
  readonly flowLogs?: Omit<NetworkFlowLogs, "kmsKeyArn">;
};

/** The customer-managed key (`constructs/kms`), in the environment's region. */
export type KmsSettings = Omit<CustomerManagedKeyProps, "region">;

/**
 * A Route 53 hosted zone and a domain name in it: the HTTPS listener's certificate, validated
 * through DNS (`constructs/dns/certificate.ts`), and the domain's alias record to the load balancer
 * (`constructs/dns/alias-record.ts`).
 */
export type DnsSettings = DnsCertificateProps & Pick<AliasRecordProps, "evaluateTargetHealth">;

/** HTTPS on 443 (`constructs/load-balancer`) with a certificate for its `dns` domain: one cannot be set without the other. */
export type HttpsSettings = Omit<LoadBalancerHttps, "certificateArn"> & {
  /** The zone and the domain the certificate is for, and the alias record that points the domain at the load balancer. */
  readonly dns: DnsSettings;
};

/** The load balancer, its listeners and security groups (`constructs/load-balancer`); its targets are the services' (`service.targets`). */
export type LoadBalancerSettings = Omit<
  LoadBalancerProps,
  "vpcId" | "subnetIds" | "targets" | "https" | "accessLogs"
> & {
  /** HTTPS on 443, with its domain's certificate and alias record. @default none: HTTP only, no domain (the note's) */
  readonly https?: HttpsSettings;
};

/** The access-log bucket (`constructs/access-logs`). */
export type AccessLogsSettings = AccessLogBucketProps;

/** The web ACL (`constructs/waf`); its log group uses `kms`'s key. */
export type WafSettings = Omit<WebAclProps, "loadBalancerArn" | "logging"> & {
  readonly logging?: Omit<WebAclLogging, "kmsKeyArn">;
};

/** The ECS cluster (`constructs/ecs/cluster.ts`). */
export type ClusterSettings = FargateClusterProps;

/** The containers' log group (`constructs/log-group`), the note's `for_ecs`; encrypted with `kms`'s key when there is one. */
export type LogsSettings = Omit<LogGroupProps, "kmsKeyArn" | "terraformName">;

/** The role ECS uses to start the tasks (`constructs/ecs/task-execution-role.ts`); scoped to `secrets`. */
export type TaskExecutionRoleSettings = Omit<
  TaskExecutionRoleProps,
  "ssmParameterArns" | "secretsManagerSecretArns" | "kmsKeyArns"
>;

/**
 * The application's role (`constructs/ecs/task-role.ts`) and ECS Exec: `enableExecuteCommand` turns
 * it on for the service and gives the role its permissions; sessions are logged to `logs`' group.
 */
export type TaskRoleSettings = Omit<TaskRoleProps, "execLogGroupArn">;

/** The secrets and the parameters created for them (`constructs/ecs/secrets.ts`), in the environment's region; created parameters use `kms`'s key. */
export type SecretsSettings = Omit<TaskSecretsProps, "region" | "parametersKmsKeyArn">;

/** What the stack gives a task definition from other constructs and settings: none of it is a setting of its own. */
export type TaskDefinitionWiring = "executionRoleArn" | "logGroupName" | "region" | "dependsOn" | "terraformName";

/** The task definition (`constructs/ecs/task-definition.ts`); the file is relative to the project root. */
export type TaskDefinitionSettings = Omit<
  FargateTaskDefinitionProps,
  TaskDefinitionWiring | "taskRoleArn" | "containerName" | "secrets"
>;

/**
 * One load-balanced target of a service: its target group and listener rule on the load balancer
 * (`constructs/load-balancer/targets.ts`), and the container and port of the service's tasks that
 * receive its requests (`constructs/ecs/service.ts`).
 */
export type TargetSettings = Omit<LoadBalancerTarget, "port"> & Omit<ServiceLoadBalancerBinding, "targetGroupArn">;

/**
 * Where a service's security group lets its targets' ports in from: `"load-balancer"`, the load
 * balancer's security group (`http_sg`) only; `"vpc"`, any address of the VPC's CIDR block (the
 * note's choice: the load balancer is in the VPC, and so is everything else in it).
 */
export type IngressFrom = "load-balancer" | "vpc";

/** What the stack gives a service from other constructs and settings: none of it is a setting of its own. */
export type ServiceWiring =
  | "clusterArn"
  | "taskDefinitionArn"
  | "subnetIds"
  | "securityGroupIds"
  | "loadBalancers"
  | "containerDefinitions"
  | "dependsOn"
  | "autoscaled"
  | "terraformName";

/** The service (`constructs/ecs/service.ts`), its load-balanced targets and its `nginx_sg` security group. */
export type ServiceSettings = Omit<FargateServiceProps, ServiceWiring | "enableExecuteCommand"> & {
  /**
   * The load-balanced targets, at least one: each a container and port of the tasks, the paths
   * and hosts the load balancer forwards to them, a priority and a health check. The first keeps
   * the note's addresses and values (`aws_lb_target_group.example`, every path, priority 100);
   * the others take their addresses from their `name`s. `nginx_sg` lets exactly their ports in.
   */
  readonly targets: readonly TargetSettings[];
  /**
   * Where `nginx_sg` lets the targets' ports in from.
   * @default "load-balancer": the load balancer's security group only. dev sets "vpc", the note's
   * choice (the VPC's CIDR block), to stay the note
   */
  readonly ingressFrom?: IngressFrom;
  /** The name of the service's security group, the `nginx_sg` module instance (the note's `nginx-sg`). */
  readonly securityGroupName: string;
  /** Descriptions and egress of `nginx_sg`. @default the book's module: no descriptions, everything out */
  readonly securityGroup?: SecurityGroupOptions;
};

/** What the stack gives a service's autoscaling: the cluster, the service and the load balancer. */
export type AutoscalingWiring =
  "clusterName" | "serviceName" | "desiredCount" | "loadBalancerArnSuffix" | "targets" | "terraformName";

/** Autoscaling of a service (`constructs/ecs/autoscaling.ts`): the stack wires the cluster, service and load balancer. */
export type AutoscalingSettings = Omit<ServiceAutoscalingProps, AutoscalingWiring>;

/**
 * A service beside the note's, under `services.<key>`: the note's three groups (`taskDefinition`,
 * `service`, `autoscaling`) without names, which derive from the note's names and the key. It
 * shares the environment's VPC, cluster, load balancer, execution role and log retention and key;
 * the note's task role, ECS Exec and secrets stay the note's service's.
 */
export interface OtherServiceSettings {
  /**
   * Its task definition, family `<taskDefinition.family>-<key>`: a container definitions file of
   * its own, whose awslogs configurations send to the service's log group `<logs.name>-<key>`.
   */
  readonly taskDefinition: Omit<TaskDefinitionSettings, "family" | "terraformNames"> &
    Pick<FargateTaskDefinitionProps, "containerName">;
  /** The service, `<service.name>-<key>`, and its security group of the same name (`aws_security_group.<key>_sg`). */
  readonly service: Omit<ServiceSettings, "name" | "securityGroupName" | "targets" | "terraformNames"> & {
    /**
     * Load-balanced targets on the environment's load balancer, each with a `name`.
     * @default none: no load balancer reaches the service, and its security group lets nothing in
     */
    readonly targets?: readonly TargetSettings[];
  };
  /**
   * Autoscaling of its task count (policies named `<service's name>-cpu` and `-requests` unless named).
   * @default none: a fixed `service.desiredCount`
   */
  readonly autoscaling?: Omit<AutoscalingSettings, "terraformNames">;
}

/** The image repository (`constructs/ecr`); encrypted with `kms`'s key when there is one. */
export type EcrSettings = Omit<EcrRepositoryProps, "kmsKeyArn">;

/**
 * The scheduled tasks (`constructs/ecs/scheduled-task.ts`) and the one role EventBridge runs them
 * with (`constructs/ecs/events-role.ts`). Each task runs in the containers' security group (`nginx_sg`).
 */
export interface ScheduledTasksSettings {
  /** The role EventBridge assumes to run the tasks: the book's `module.ecs_events_role` (`ecs-events`). */
  readonly eventsRole: EcsEventsRoleProps;
  /**
   * The tasks, by key. The first keeps the book's addresses (`aws_ecs_task_definition.example_batch`,
   * `aws_cloudwatch_event_rule.example_batch`, ...); each later one takes its key's
   * (`aws_ecs_task_definition.<key>`, ...), so reordering them renames their addresses.
   */
  readonly tasks: Readonly<Record<string, ScheduledTaskSettings>>;
}

/** One scheduled task: the stack wires the cluster, the events role, the subnets and the security group. */
export type ScheduledTaskSettings = Omit<
  ScheduledFargateTaskProps,
  "taskDefinition" | "logs" | "clusterArn" | "eventsRoleArn" | "subnetIds" | "securityGroupIds" | "terraformNames"
> & {
  /** Its task definition; the file is relative to the project root. It runs with the stack's execution role. */
  readonly taskDefinition: Omit<
    ScheduledTaskDefinitionProps,
    "executionRoleArn" | "region" | "taskRoleArn" | "secrets"
  >;
  /** Its log group; encrypted with `kms`'s key when there is one. */
  readonly logs: Omit<ScheduledTaskLogsProps, "kmsKeyArn">;
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
