// The note's ECS Fargate service behind an application load balancer, with the network
// it runs in, for one environment. This file wires the constructs and owns the outputs;
// every value comes from the environment's settings (config/).
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentSettings, RuntimeSettings } from "../config";
import {
  EcsLogGroup,
  FargateCluster,
  FargateService,
  FargateTaskDefinition,
  TaskExecutionRole,
} from "../constructs/ecs";
import { LoadBalancer } from "../constructs/load-balancer";
import { Network } from "../constructs/network";
import { SecurityGroupModule } from "../constructs/security-group";
import { requireUniqueAddresses } from "../constructs/shared/addresses";
import { PolicyChecks } from "../checks/aspect";
import { configureBackend } from "./backend";
import { awsProviderConfig } from "./provider";

export class EcsFargateStack extends TerraformStack {
  public constructor(scope: Construct, settings: EnvironmentSettings, runtime: RuntimeSettings = {}) {
    super(scope, settings.stackName);
    const { region } = settings;
    const { loadBalancedContainer: container, securityGroupName, ...serviceSettings } = settings.service;

    new AwsProvider(this, "aws", awsProviderConfig(settings, runtime.endpoint));
    configureBackend(this, settings, runtime);
    requireUniqueAddresses(this);
    PolicyChecks.addTo(this, settings.checks, `config/environments/${settings.environment}.ts`);

    const network = new Network(this, "network", { ...settings.network, region });

    const loadBalancer = new LoadBalancer(this, "loadBalancer", {
      ...settings.loadBalancer,
      // The emulator deletes a protected load balancer anyway; off, a local destroy matches AWS.
      deletionProtection: runtime.endpoint === undefined ? settings.loadBalancer.deletionProtection : false,
      vpcId: network.vpcId,
      subnetIds: network.publicSubnetIds,
      targetPort: container.containerPort,
    });

    const cluster = new FargateCluster(this, "cluster", settings.cluster);
    const logGroup = new EcsLogGroup(this, "logs", settings.logs);
    const executionRole = new TaskExecutionRole(this, "taskExecutionRole", settings.taskExecutionRole);

    const taskDefinition = new FargateTaskDefinition(this, "taskDefinition", {
      ...settings.taskDefinition,
      // Relative to the project root, where cdktf runs the app.
      containerDefinitionsFile: path.resolve(settings.taskDefinition.containerDefinitionsFile),
      executionRoleArn: executionRole.iamRoleArn,
      logGroupName: settings.logs.name,
      region,
      dependsOn: [logGroup.logGroup],
    });

    // Only the VPC may reach the containers: the load balancer is in it.
    const nginxSg = new SecurityGroupModule(this, "nginx_sg", {
      name: securityGroupName,
      vpcId: network.vpcId,
      port: container.containerPort,
      cidrBlocks: [network.vpcCidrBlock],
    });

    const service = new FargateService(this, "service", {
      ...serviceSettings,
      clusterArn: cluster.clusterArn,
      taskDefinitionArn: taskDefinition.taskDefinitionArn,
      subnetIds: network.privateSubnetIds,
      securityGroupIds: [nginxSg.securityGroupId],
      loadBalancer: { ...container, targetGroupArn: loadBalancer.targetGroupArn },
      containerDefinitions: taskDefinition.containerDefinitions,
      dependsOn: [loadBalancer.listenerRule],
    });

    new TerraformOutput(this, "alb_dns_name", {
      value: loadBalancer.dnsName,
      description: "The load balancer's DNS name: http://<it>/ reaches the containers.",
    });
    new TerraformOutput(this, "ecs_cluster_name", { value: cluster.clusterName, description: "The ECS cluster." });
    new TerraformOutput(this, "ecs_service_name", { value: service.serviceName, description: "The ECS service." });
    new TerraformOutput(this, "log_group_name", {
      value: logGroup.logGroupName,
      description: "Where the containers log.",
    });
    new TerraformOutput(this, "task_execution_role_arn", {
      value: executionRole.iamRoleArn,
      description: "The role ECS uses to start the tasks.",
    });
    new TerraformOutput(this, "vpc_id", { value: network.vpcId, description: "The VPC." });
  }
}
