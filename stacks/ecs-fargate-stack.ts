// The note's ECS Fargate service behind an application load balancer, with the network
// it runs in, for one environment. This file wires the constructs and owns the outputs;
// every value comes from the environment's settings (config/). The optional groups of
// the settings (kms, loadBalancer.https, accessLogs, waf, secrets, taskRole, autoscaling, services, ecr,
// scheduledTasks) add their constructs only when present: the dev environment, the note, has none of them.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { PolicyChecks } from "../checks/aspect";
import { DnsSettings, EnvironmentSettings, HttpsSettings, RuntimeSettings, TargetSettings } from "../config";
import { AccessLogBucket } from "../constructs/access-logs";
import { AliasRecord, DnsCertificate } from "../constructs/dns";
import { EcrImageRepository } from "../constructs/ecr";
import { FargateCluster, TaskExecutionRole, TaskRole, TaskSecrets } from "../constructs/ecs";
import { CustomerManagedKey } from "../constructs/kms";
import { LoadBalancer } from "../constructs/load-balancer";
import { LogGroup } from "../constructs/log-group";
import { Network } from "../constructs/network";
import { requireUniqueAddresses } from "../constructs/shared/addresses";
import { WebAcl } from "../constructs/waf";
import { configureBackend } from "./backend";
import { declareBookMoves } from "./book-moves";
import { awsProviderConfig } from "./provider";
import { addScheduledTasks } from "./scheduled-tasks";
import { addService, loadBalancerTarget } from "./services";

export class EcsFargateStack extends TerraformStack {
  public constructor(scope: Construct, settings: EnvironmentSettings, runtime: RuntimeSettings = {}) {
    super(scope, settings.stackName);
    const { region } = settings;
    const { targets, ingressFrom, securityGroupName, securityGroup, ...serviceSettings } = settings.service;
    const others = Object.entries(settings.services ?? {});

    new AwsProvider(this, "aws", awsProviderConfig(settings, runtime.endpoint));
    configureBackend(this, settings, runtime);
    requireUniqueAddresses(this);
    PolicyChecks.addTo(this, settings.checks, `config/environments/${settings.environment}.ts`);

    const kms = settings.kms && new CustomerManagedKey(this, "kms", { ...settings.kms, region });

    const network = new Network(this, "network", {
      ...settings.network,
      region,
      flowLogs: settings.network.flowLogs && { ...settings.network.flowLogs, kmsKeyArn: kms?.keyArn },
    });

    const { dns, listener: httpsListener } = splitHttps(settings.loadBalancer.https);
    const certificate = dns && new DnsCertificate(this, "certificate", dns);
    const accessLogs = settings.accessLogs && new AccessLogBucket(this, "accessLogs", settings.accessLogs);

    const loadBalancer = new LoadBalancer(this, "loadBalancer", {
      ...settings.loadBalancer,
      // The emulator deletes a protected load balancer anyway; off, a local destroy matches AWS.
      deletionProtection: runtime.endpoint === undefined ? settings.loadBalancer.deletionProtection : false,
      vpcId: network.vpcId,
      subnetIds: network.publicSubnetIds,
      // Every service's targets on one listener: the note's service's first keeps the note's addresses.
      targets: [...targets, ...others.flatMap(([, other]) => other.service.targets ?? [])].map(loadBalancerTarget),
      https: certificate && httpsListener && { ...httpsListener, certificateArn: certificate.certificateArn },
      accessLogs: accessLogs && { bucket: accessLogs.bucketName, dependsOn: [accessLogs.bucketPolicy] },
    });
    if (certificate) {
      new AliasRecord(this, "domain", {
        zoneId: certificate.zoneId,
        name: certificate.domainName,
        targetDnsName: loadBalancer.dnsName,
        targetZoneId: loadBalancer.zoneId,
        evaluateTargetHealth: dns?.evaluateTargetHealth,
      });
    }
    if (settings.waf) {
      new WebAcl(this, "waf", {
        ...settings.waf,
        loadBalancerArn: loadBalancer.loadBalancerArn,
        logging: settings.waf.logging && { ...settings.waf.logging, kmsKeyArn: kms?.keyArn },
      });
    }

    const cluster = new FargateCluster(this, "cluster", settings.cluster);
    const logGroup = new LogGroup(this, "logs", { ...settings.logs, kmsKeyArn: kms?.keyArn });
    const secrets =
      settings.secrets &&
      new TaskSecrets(this, "secrets", {
        ...settings.secrets,
        region,
        parametersKmsKeyArn: kms?.keyArn,
      });
    const executionRole = new TaskExecutionRole(this, "taskExecutionRole", {
      ...settings.taskExecutionRole,
      ssmParameterArns: secrets?.ssmParameterArns,
      secretsManagerSecretArns: secrets?.secretsManagerSecretArns,
      kmsKeyArns: secrets?.kmsKeyArns,
    });
    const taskRole =
      settings.taskRole &&
      new TaskRole(this, "taskRole", {
        ...settings.taskRole,
        // The cluster's Exec logging is DEFAULT: sessions go to the containers' awslogs group.
        execLogGroupArn: logGroup.logGroupArn,
      });

    const shared = {
      region,
      vpcId: network.vpcId,
      vpcCidrBlock: network.vpcCidrBlock,
      privateSubnetIds: network.privateSubnetIds,
      cluster,
      loadBalancer,
      executionRoleArn: executionRole.iamRoleArn,
    };
    const targetGroupsOf = takeInOrder(loadBalancer.targets);
    const { service, securityGroupId: containersSecurityGroupId } = addService(
      this,
      {
        securityGroupId: "nginx_sg",
        securityGroupName,
        securityGroup,
        ingressFrom,
        targets,
        targetGroups: targetGroupsOf(targets),
        logGroup,
        logGroupName: settings.logs.name,
        taskDefinition: {
          ...settings.taskDefinition,
          taskRoleArn: taskRole?.iamRoleArn,
          secrets: secrets?.containerSecrets,
        },
        service: {
          ...serviceSettings,
          // ECS Exec runs under the task role, which gets its permissions: one setting turns on both.
          enableExecuteCommand: settings.taskRole?.enableExecuteCommand,
        },
        autoscaling: settings.autoscaling,
      },
      shared,
    );

    // The other services: names from the note's and the key, addresses from the key.
    for (const [key, other] of others) {
      const scope = new Construct(this, key);
      const {
        targets: otherTargets = [],
        ingressFrom: otherIngress,
        securityGroup: otherGroup,
        ...rest
      } = other.service;
      const name = `${settings.service.name}-${key}`;
      const logGroupName = `${settings.logs.name}-${key}`;
      addService(
        scope,
        {
          key,
          securityGroupId: `${key}_sg`,
          securityGroupName: name,
          securityGroup: otherGroup,
          ingressFrom: otherIngress,
          targets: otherTargets,
          targetGroups: targetGroupsOf(otherTargets),
          logGroup: new LogGroup(scope, "logs", {
            ...settings.logs,
            name: logGroupName,
            kmsKeyArn: kms?.keyArn,
            terraformName: key,
          }),
          logGroupName,
          taskDefinition: { ...other.taskDefinition, family: `${settings.taskDefinition.family}-${key}` },
          service: { ...rest, name },
          autoscaling: other.autoscaling,
        },
        shared,
      );
    }

    addScheduledTasks(this, settings.scheduledTasks, {
      region,
      clusterArn: cluster.clusterArn,
      executionRoleArn: executionRole.iamRoleArn,
      subnetIds: network.privateSubnetIds,
      // The containers' group: its egress (HTTPS out in prod) is what a job needs; nothing listens on its port.
      securityGroupIds: [containersSecurityGroupId],
      kmsKeyArn: kms?.keyArn,
      otherFamilies: { "taskDefinition.family": settings.taskDefinition.family },
    });

    const ecr = settings.ecr && new EcrImageRepository(this, "ecr", { ...settings.ecr, kmsKeyArn: kms?.keyArn });

    new TerraformOutput(this, "alb_dns_name", {
      value: loadBalancer.dnsName,
      description: "The load balancer's DNS name: http://<it>/ reaches the containers.",
    });
    if (certificate) {
      new TerraformOutput(this, "domain_name", {
        value: certificate.domainName,
        description: "The service's domain: https://<it>/ reaches the containers.",
      });
    }
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
    if (ecr) {
      new TerraformOutput(this, "ecr_repository_url", {
        value: ecr.repositoryUrl,
        description: "The image repository: releases push <it>:<tag> and run it (npm run rollout).",
      });
    }
    new TerraformOutput(this, "vpc_id", { value: network.vpcId, description: "The VPC." });

    // A stack applied from the book's HCL keeps every resource: its module addresses move here.
    declareBookMoves(this);
  }
}

/** Hands out the load balancer's target groups in the order the targets were given: each service takes its own. */
function takeInOrder<T>(all: readonly T[]): (targets: readonly TargetSettings[]) => T[] {
  let next = 0;
  return (targets) => {
    const taken = all.slice(next, next + targets.length);
    next += targets.length;
    return taken;
  };
}

/** HTTPS's settings in their two parts: the domain (its certificate and alias record) and the listener's own. */
function splitHttps(https: HttpsSettings | undefined): { dns?: DnsSettings; listener?: Omit<HttpsSettings, "dns"> } {
  if (https === undefined) return {};
  const { dns, ...listener } = https;
  return { dns, listener };
}
