// The note's ECS Fargate service behind an application load balancer, with the
// network it runs in. This file wires the constructs and owns the outputs.
import * as path from "path";
import { AwsProvider, AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EcsCluster, EcsLogGroup, FargateService, FargateTaskDefinition, TaskExecutionRole } from "../constructs/ecs";
import { LoadBalancer } from "../constructs/load-balancer";
import { Network } from "../constructs/network";
import { SecurityGroupModule } from "../constructs/security-group";

/** The note's container definitions, with the awslogs log configuration: in the working directory, the project root where cdktf runs the app. */
export const NOTE_CONTAINER_DEFINITIONS_FILE = path.resolve("container_definitions.json");

/** Where Terraform keeps the state, when not in a local file. */
export interface RemoteStateProps {
  /** The S3 bucket that holds the state (created beforehand, versioning on). */
  readonly bucket: string;
  /**
   * The state object's key.
   * @default "<stack name>/terraform.tfstate"
   */
  readonly key?: string;
  /**
   * The bucket's region.
   * @default the stack's region
   */
  readonly region?: string;
}

export interface EcsFargateStackProps {
  /**
   * The AWS region. The containers' `awslogs-region` must name it.
   * @default "ap-northeast-1"
   */
  readonly region?: string;
  /**
   * The name of the cluster, service, task definition family, load balancer and target group.
   * @default "example"
   */
  readonly name?: string;
  /**
   * Two or more availability zones of `region`, one public and one private subnet each.
   * @default ["ap-northeast-1a", "ap-northeast-1c"] in ap-northeast-1, else the region's "a" and "b" zones
   */
  readonly availabilityZones?: string[];
  /** @default "10.0.0.0/16" */
  readonly vpcCidr?: string;
  /** @default ["10.0.1.0/24", "10.0.2.0/24"] */
  readonly publicSubnetCidrs?: string[];
  /** @default ["10.0.65.0/24", "10.0.66.0/24"] */
  readonly privateSubnetCidrs?: string[];
  /**
   * Fargate CPU units per task.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Memory per task in MiB, valid for `cpu`.
   * @default 512
   */
  readonly memoryMiB?: number;
  /** @default 2 */
  readonly desiredCount?: number;
  /** @default "1.4.0" */
  readonly platformVersion?: string;
  /** @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * The log group the containers write to; the file's `awslogs-group` must name it.
   * @default "/ecs/example"
   */
  readonly logGroupName?: string;
  /** @default 180 */
  readonly logRetentionInDays?: number;
  /**
   * The container definitions file, read at synth time.
   * @default container_definitions.json at the project root
   */
  readonly containerDefinitionsFile?: string;
  /**
   * The container and port the load balancer sends requests to.
   * @default { name: "example", port: 80 }
   */
  readonly loadBalancedContainer?: { readonly name: string; readonly port: number };
  /**
   * Load balancer deletion protection.
   * @default true, or false when `endpoint` is set
   */
  readonly deletionProtection?: boolean;
  /**
   * An AWS-compatible endpoint (a local emulator) for every service the stack calls.
   * When set, the provider also gets test credentials and skips the account checks;
   * when not, the provider block is exactly what a real AWS deploy needs.
   * @default real AWS
   */
  readonly endpoint?: string;
  /**
   * Keep the state in S3 instead of a local file.
   * @default a local file, terraform.<stack>.tfstate beside the output folder
   *   (terraform.<stack>.emulator.tfstate when `endpoint` is set)
   */
  readonly remoteState?: RemoteStateProps;
}

/** The AWS services the stack's resources and data sources call. */
export const EMULATED_SERVICES = ["ec2", "ecs", "elb", "elbv2", "iam", "sts", "logs", "ssm", "kms", "s3"] as const;

export class EcsFargateStack extends TerraformStack {
  public constructor(scope: Construct, id: string, props: EcsFargateStackProps = {}) {
    super(scope, id);

    const region = props.region ?? "ap-northeast-1";
    const name = props.name ?? "example";
    const availabilityZones =
      props.availabilityZones ??
      (region === "ap-northeast-1" ? ["ap-northeast-1a", "ap-northeast-1c"] : [`${region}a`, `${region}b`]);
    const logGroupName = props.logGroupName ?? "/ecs/example";
    const container = props.loadBalancedContainer ?? { name: "example", port: 80 };
    const deletionProtection = props.deletionProtection ?? props.endpoint === undefined;

    new AwsProvider(this, "aws", providerConfig(region, props.endpoint));
    this.configureState(id, region, props);

    const network = new Network(this, "network", {
      region,
      availabilityZones,
      cidrBlock: props.vpcCidr,
      publicSubnetCidrs: props.publicSubnetCidrs,
      privateSubnetCidrs: props.privateSubnetCidrs,
      name,
    });

    const loadBalancer = new LoadBalancer(this, "load_balancer", {
      name,
      vpcId: network.vpcId,
      subnetIds: network.publicSubnetIds,
      deletionProtection,
      targetPort: container.port,
    });

    const cluster = new EcsCluster(this, "ecs_cluster", { name });
    const logGroup = new EcsLogGroup(this, "log_group", {
      name: logGroupName,
      retentionInDays: props.logRetentionInDays,
    });
    const executionRole = new TaskExecutionRole(this, "task_execution_role");

    const taskDefinition = new FargateTaskDefinition(this, "task_definition", {
      family: name,
      cpu: props.cpu,
      memoryMiB: props.memoryMiB,
      containerDefinitionsFile: props.containerDefinitionsFile ?? NOTE_CONTAINER_DEFINITIONS_FILE,
      executionRoleArn: executionRole.iamRoleArn,
      logGroupName: logGroup.logGroupName,
      region,
      dependsOn: [logGroup.logGroup],
    });

    // Only the VPC may reach the containers: the load balancer is in it.
    const nginxSg = new SecurityGroupModule(this, "nginx_sg", {
      name: "nginx-sg",
      vpcId: network.vpcId,
      port: container.port,
      cidrBlocks: [network.vpcCidrBlock],
    });

    const service = new FargateService(this, "service", {
      name,
      clusterArn: cluster.clusterArn,
      taskDefinitionArn: taskDefinition.taskDefinitionArn,
      desiredCount: props.desiredCount,
      platformVersion: props.platformVersion,
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
      subnetIds: network.privateSubnetIds,
      securityGroupIds: [nginxSg.securityGroupId],
      loadBalancer: {
        targetGroupArn: loadBalancer.targetGroupArn,
        containerName: container.name,
        containerPort: container.port,
      },
      containerDefinitions: taskDefinition.containerDefinitions,
      dependsOn: [loadBalancer.listenerRule],
    });

    new TerraformOutput(this, "alb_dns_name", {
      value: loadBalancer.dnsName,
      description: "The load balancer's DNS name: http://<it>/ reaches the containers.",
    });
    new TerraformOutput(this, "ecs_cluster_name", { value: cluster.clusterName, description: "The ECS cluster." });
    new TerraformOutput(this, "ecs_service_name", { value: service.serviceName, description: "The ECS service." });
    new TerraformOutput(this, "log_group_name", { value: logGroupName, description: "Where the containers log." });
    new TerraformOutput(this, "task_execution_role_arn", {
      value: executionRole.iamRoleArn,
      description: "The role ECS uses to start the tasks.",
    });
    new TerraformOutput(this, "vpc_id", { value: network.vpcId, description: "The VPC." });
  }

  private configureState(stackName: string, region: string, props: EcsFargateStackProps): void {
    if (props.remoteState) {
      const backend = new S3Backend(this, {
        bucket: props.remoteState.bucket,
        key: props.remoteState.key ?? `${stackName}/terraform.tfstate`,
        region: props.remoteState.region ?? region,
        encrypt: true,
      });
      // S3-native state locking (Terraform 1.10+): no DynamoDB table needed.
      backend.addOverride("use_lockfile", true);
      return;
    }
    // Relative to <output>/stacks/<stack>, where Terraform runs: the state sits beside the
    // output folder (the project root for cdktf.out). The emulator's state is named apart
    // so that it never mixes with a real one.
    const file =
      props.endpoint === undefined ? `terraform.${stackName}.tfstate` : `terraform.${stackName}.emulator.tfstate`;
    new LocalBackend(this, { path: `../../../${file}` });
  }
}

/** The provider for real AWS, or for an AWS-compatible endpoint when one is given. */
function providerConfig(region: string, endpoint: string | undefined): AwsProviderConfig {
  if (endpoint === undefined) return { region };
  return {
    region,
    accessKey: "test",
    secretKey: "test",
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: "true",
    skipRegionValidation: true,
    s3UsePathStyle: true,
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
  };
}
