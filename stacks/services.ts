// One service of a stack: its task definition, its security group, the ECS service and its
// autoscaling, wired to what every service of the environment shares (the VPC, the cluster, the
// load balancer, the execution role). The note's service is built at the stack's root under the
// note's names; every other one under a construct named after its key, with names derived from it.
import * as path from "path";
import { Construct } from "constructs";
import { AutoscalingWiring, IngressFrom, ServiceWiring, TargetSettings, TaskDefinitionWiring } from "../config";
import {
  FargateCluster,
  FargateService,
  FargateServiceProps,
  FargateTaskDefinition,
  FargateTaskDefinitionProps,
  ServiceAutoscaling,
  ServiceAutoscalingProps,
} from "../constructs/ecs";
import { LoadBalancer, LoadBalancerTarget, LoadBalancerTargetGroup } from "../constructs/load-balancer";
import { LogGroup } from "../constructs/log-group";
import { SecurityGroupModule, SecurityGroupOptions } from "../constructs/security-group";

/** What every service of an environment shares. */
export interface SharedWiring {
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly privateSubnetIds: string[];
  readonly cluster: FargateCluster;
  readonly loadBalancer: LoadBalancer;
  readonly executionRoleArn: string;
}

/** One service's settings, as the stack hands them over: the note's, or another's with its names derived. */
export interface ServiceParts {
  /** The Terraform name of the service's resources: none for the note's service (the note's names), its key for the others. */
  readonly key?: string;
  /** The security group module's instance name: `nginx_sg` (the note's), `<key>_sg`. */
  readonly securityGroupId: string;
  readonly securityGroupName: string;
  readonly securityGroup?: SecurityGroupOptions;
  readonly ingressFrom?: IngressFrom;
  readonly targets: readonly TargetSettings[];
  /** The load balancer's target groups for `targets`, in their order. */
  readonly targetGroups: readonly LoadBalancerTargetGroup[];
  /** Its log group, and that group's name as written in the settings: the container definitions are checked against it at synth. */
  readonly logGroup: LogGroup;
  readonly logGroupName: string;
  readonly taskDefinition: Omit<FargateTaskDefinitionProps, TaskDefinitionWiring>;
  readonly service: Omit<FargateServiceProps, ServiceWiring>;
  readonly autoscaling?: Omit<ServiceAutoscalingProps, AutoscalingWiring>;
}

/** A service's targets as the load balancer takes them: the container's port is the target group's. */
export function loadBalancerTarget(target: TargetSettings): LoadBalancerTarget {
  const { name, pathPatterns, hostHeaders, priority, healthCheck, containerPort } = target;
  return { name, port: containerPort, pathPatterns, hostHeaders, priority, healthCheck };
}

/** What one service's constructs give the stack: the service, and its containers' security group. */
export interface BuiltService {
  readonly service: FargateService;
  readonly securityGroupId: string;
}

/** Builds one service in `scope`: its task definition, security group, service and autoscaling. */
export function addService(scope: Construct, parts: ServiceParts, shared: SharedWiring): BuiltService {
  const { key, targets, targetGroups, logGroup } = parts;
  const taskDefinition = new FargateTaskDefinition(scope, "taskDefinition", {
    ...parts.taskDefinition,
    // Relative to the project root, where cdktf runs the app.
    containerDefinitionsFile: path.resolve(parts.taskDefinition.containerDefinitionsFile),
    executionRoleArn: shared.executionRoleArn,
    // The container the settings' image, health check and secrets apply to: the first target's.
    containerName: parts.taskDefinition.containerName ?? targets[0]?.containerName,
    logGroupName: parts.logGroupName,
    region: shared.region,
    dependsOn: [logGroup.logGroup],
    terraformName: key,
  });

  // Exactly the targets' ports, from the load balancer's group (dev: from the VPC, as the note has it).
  const ports = [...new Set(targets.map((t) => t.containerPort))];
  const securityGroup = new SecurityGroupModule(scope, parts.securityGroupId, {
    ...parts.securityGroup,
    name: parts.securityGroupName,
    vpcId: shared.vpcId,
    ingress:
      ports.length === 0
        ? undefined
        : {
            ports,
            from:
              parts.ingressFrom === "vpc"
                ? { cidrBlocks: [shared.vpcCidrBlock] }
                : { securityGroupId: shared.loadBalancer.securityGroupId },
          },
  });

  const service = new FargateService(scope, "service", {
    ...parts.service,
    clusterArn: shared.cluster.clusterArn,
    taskDefinitionArn: taskDefinition.taskDefinitionArn,
    subnetIds: shared.privateSubnetIds,
    securityGroupIds: [securityGroup.securityGroupId],
    loadBalancers: targets.map((target, i) => ({
      targetGroupArn: targetGroups[i]?.targetGroupArn ?? "",
      containerName: target.containerName,
      containerPort: target.containerPort,
    })),
    containerDefinitions: taskDefinition.containerDefinitions,
    autoscaled: parts.autoscaling !== undefined,
    // ECS rejects a target group that no listener rule attaches yet.
    dependsOn: targetGroups.length > 0 ? targetGroups.map((t) => t.listenerRule) : undefined,
    terraformName: key,
  });
  if (parts.autoscaling) {
    new ServiceAutoscaling(scope, "autoscaling", {
      ...parts.autoscaling,
      clusterName: shared.cluster.clusterName,
      serviceName: service.serviceName,
      desiredCount: service.desiredCount,
      loadBalancerArnSuffix: shared.loadBalancer.loadBalancerArnSuffix,
      targets: targetGroups.map((t) => ({ name: t.name, targetGroupArnSuffix: t.targetGroupArnSuffix })),
      terraformName: key,
    });
  }
  return { service, securityGroupId: securityGroup.securityGroupId };
}
