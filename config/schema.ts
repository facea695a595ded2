// The type of every setting, checked when the app runs: the app is bundled without
// type-checking, so a settings file with a type error still runs. `stacks/app.ts` checks each
// environment against this schema before any construct sees it; the constructs keep the rules
// (ranges, names, agreement between values). `object<T>()` requires a field for each key of
// the type, so a setting added to `settings.ts` without its line here fails `tsc`.
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { Acknowledgement, ChecksSettings } from "../checks/aspect";
import type {
  ContainerHealthCheck,
  CreatedParameter,
  RequestsTracking,
  ScheduledScaling,
  SecretReference,
  TargetTracking,
} from "../constructs/ecs";
import type { TargetGroupHealthCheck } from "../constructs/load-balancer";
import type { NetworkFlowLogs } from "../constructs/network";
import type { SecurityGroupEgress, SecurityGroupOptions } from "../constructs/security-group";
import type { TerraformNames } from "../constructs/shared/addresses";
import { nonEmpty } from "../constructs/shared/rules";
import {
  boolean,
  custom,
  Fields,
  isPlainObject,
  list,
  literal,
  number,
  object,
  optional,
  record,
  Shape,
  string,
} from "../constructs/shared/schema";
import type {
  AccessLogsSettings,
  AutoscalingSettings,
  ClusterSettings,
  DnsSettings,
  EcrSettings,
  EnvironmentSettings,
  HttpsSettings,
  KmsSettings,
  LoadBalancerSettings,
  LogsSettings,
  NetworkSettings,
  ScheduledTaskSettings,
  ScheduledTasksSettings,
  OtherServiceSettings,
  SecretsSettings,
  ServiceSettings,
  StateSettings,
  TargetSettings,
  TaskDefinitionSettings,
  TaskExecutionRoleSettings,
  TaskRoleSettings,
  WafSettings,
} from "./settings";

const terraformNames = optional<TerraformNames>(literal("note", "own"));
const strings = list(string());

const securityGroupEgress = object<SecurityGroupEgress>(
  {
    cidrBlocks: strings,
    ports: optional(list(number())),
    description: optional(string()),
  },
  // A group lets several ports out, one rule each.
  { moved: { port: "ports" } },
);
const securityGroupOptions = object<SecurityGroupOptions>({
  description: optional(string()),
  ingressDescription: optional(string()),
  egress: optional(securityGroupEgress),
});

/** The provider's IAM statement: its keys' types (the provider checks the rest at plan). */
const iamStatementFields: Record<string, "string" | "strings" | "objects"> = {
  sid: "string",
  effect: "string",
  actions: "strings",
  notActions: "strings",
  resources: "strings",
  notResources: "strings",
  principals: "objects",
  notPrincipals: "objects",
  condition: "objects",
};
const iamStatement = custom<DataAwsIamPolicyDocumentStatement>(
  `an IAM policy statement (${Object.keys(iamStatementFields).join(", ")})`,
  "an object",
  (value) => {
    const statement = value as Record<string, unknown>;
    for (const [key, inner] of Object.entries(statement)) {
      const kind = iamStatementFields[key];
      if (kind === undefined) return `must have only the keys ${Object.keys(iamStatementFields).join(", ")}`;
      const ok =
        kind === "string"
          ? typeof inner === "string"
          : Array.isArray(inner) && inner.every((i) => (kind === "strings" ? typeof i === "string" : isPlainObject(i)));
      if (inner !== undefined && !ok) {
        return `must have \`${key}\` as ${kind === "string" ? "a string" : kind === "strings" ? "a list of strings" : "a list of objects"}`;
      }
    }
    return undefined;
  },
);

const network = object<NetworkSettings>({
  name: string(),
  availabilityZones: strings,
  cidrBlock: optional(string()),
  publicSubnetCidrs: optional(strings),
  privateSubnetCidrs: optional(strings),
  mapPublicIpOnLaunch: optional(boolean),
  restrictDefaultSecurityGroup: optional(boolean),
  flowLogs: optional(
    object<Omit<NetworkFlowLogs, "kmsKeyArn">>({
      logGroupName: string(),
      roleName: string(),
      retentionInDays: number(),
      trafficType: optional(literal("ACCEPT", "REJECT", "ALL")),
    }),
  ),
  terraformNames,
});

const kms = object<KmsSettings>({
  aliasName: string(),
  description: optional(string()),
  deletionWindowInDays: optional(number()),
  terraformNames,
});

const dns = object<DnsSettings>({
  zoneName: string(),
  domainName: string(),
  subjectAlternativeNames: optional(strings),
  evaluateTargetHealth: optional(boolean),
  terraformNames,
});

const https = object<HttpsSettings>({
  dns,
  securityGroupName: string(),
  sslPolicy: optional(string()),
  securityGroup: optional(securityGroupOptions),
});

const loadBalancer = object<LoadBalancerSettings>(
  {
    name: string(),
    securityGroupName: string(),
    deletionProtection: optional(boolean),
    idleTimeoutSeconds: optional(number()),
    https: optional(https),
    dropInvalidHeaderFields: optional(boolean),
    httpSecurityGroup: optional(securityGroupOptions),
    terraformNames,
  },
  // Each target has a health check of its own.
  { moved: { healthCheck: "service.targets[].healthCheck" } },
);

const accessLogs = object<AccessLogsSettings>({
  bucketNamePrefix: string(),
  expirationDays: optional(number()),
  noncurrentVersionExpirationDays: optional(number()),
  forceDestroy: optional(boolean),
  terraformNames,
});

const waf = object<WafSettings>({
  name: string(),
  managedRuleGroups: optional(strings),
  logging: optional(object<NonNullable<WafSettings["logging"]>>({ logGroupName: string(), retentionInDays: number() })),
  terraformNames,
});

const cluster = object<ClusterSettings>({
  name: string(),
  containerInsights: optional(boolean),
  terraformNames,
});

const logs = object<LogsSettings>({ name: string(), retentionInDays: optional(number()), terraformNames });

const taskExecutionRole = object<TaskExecutionRoleSettings>({
  name: string(),
  extraStatements: optional(list(iamStatement)),
  terraformNames,
});

const taskRole = object<TaskRoleSettings>({
  name: string(),
  statements: optional(list(iamStatement)),
  enableExecuteCommand: optional(boolean),
  terraformNames,
});

const secrets = object<SecretsSettings>({
  secrets: optional(
    record(
      object<SecretReference>({
        valueFrom: string(),
        kmsKeyArn: optional(string()),
        containerName: optional(string()),
      }),
    ),
  ),
  parameters: optional(record(object<CreatedParameter>({ name: string(), kmsKeyArn: optional(string()) }))),
  releasedParameters: optional(strings),
  existingParameters: optional(strings),
  accountId: optional(string()),
  terraformNames,
});

/** A task definition's own settings, less its family: the services' and each scheduled task's. */
const taskDefinitionFields = {
  containerDefinitionsFile: string(),
  cpu: optional(number()),
  memoryMiB: optional(number()),
  image: optional(string()),
  healthCheck: optional(
    object<ContainerHealthCheck>({
      command: strings,
      intervalSeconds: optional(number()),
      timeoutSeconds: optional(number()),
      retries: optional(number()),
      startPeriodSeconds: optional(number()),
    }),
  ),
};
const taskDefinition = object<TaskDefinitionSettings>({ ...taskDefinitionFields, family: string(), terraformNames });

const target = object<TargetSettings>({
  name: optional(string()),
  containerName: string(),
  containerPort: number(),
  pathPatterns: optional(strings),
  hostHeaders: optional(strings),
  priority: optional(number()),
  healthCheck: optional(
    object<TargetGroupHealthCheck>({
      path: optional(string()),
      matcher: optional(string()),
      intervalSeconds: optional(number()),
      timeoutSeconds: optional(number()),
      healthyThreshold: optional(number()),
      unhealthyThreshold: optional(number()),
    }),
  ),
});

/** What the note's service and the others share: every setting but names and targets. */
const serviceFields = {
  desiredCount: optional(number()),
  platformVersion: optional(string()),
  healthCheckGracePeriodSeconds: optional(number()),
  deploymentCircuitBreaker: optional(object<{ readonly rollback: boolean }>({ rollback: boolean })),
  deploymentMinimumHealthyPercent: optional(number()),
  deploymentMaximumPercent: optional(number()),
  ingressFrom: optional(literal("load-balancer", "vpc")),
  securityGroup: optional(securityGroupOptions),
};
const serviceMoves = {
  // ECS Exec comes with the role it runs under.
  enableExecuteCommand: "taskRole.enableExecuteCommand",
  // A service has a list of load-balanced targets.
  loadBalancedContainer: "service.targets",
};
const service = object<ServiceSettings>(
  {
    ...serviceFields,
    name: string(),
    targets: list(target, nonEmpty),
    securityGroupName: string(),
    terraformNames,
  },
  { moved: serviceMoves },
);

const targetTracking = object<TargetTracking>({ policyName: optional(string()), targetValue: number() });
const autoscalingFields = {
  minCapacity: number(),
  maxCapacity: number(),
  cpu: optional(targetTracking),
  requests: optional(
    object<RequestsTracking>({ policyName: optional(string()), targetValue: number(), target: optional(string()) }),
  ),
  scaleInCooldownSeconds: optional(number()),
  scaleOutCooldownSeconds: optional(number()),
  scheduledActions: optional(
    record(
      object<ScheduledScaling>({
        name: string(),
        schedule: string(),
        minCapacity: optional(number()),
        maxCapacity: optional(number()),
        timezone: optional(string()),
      }),
    ),
  ),
};
const autoscaling = object<AutoscalingSettings>({ ...autoscalingFields, terraformNames });

const otherService = object<OtherServiceSettings>({
  taskDefinition: object<OtherServiceSettings["taskDefinition"]>(
    { ...taskDefinitionFields, containerName: optional(string()) },
    { derived: { family: "`<taskDefinition.family>-<key>`, made from the note's and the key" } },
  ),
  service: object<OtherServiceSettings["service"]>(
    { ...serviceFields, targets: optional(list(target, nonEmpty)) },
    {
      moved: serviceMoves,
      derived: {
        name: "`<service.name>-<key>`, made from the note's and the key",
        securityGroupName: "the service's name, `<service.name>-<key>`",
      },
    },
  ),
  autoscaling: optional(object<NonNullable<OtherServiceSettings["autoscaling"]>>(autoscalingFields)),
});

const ecr = object<EcrSettings>({
  name: string(),
  imageTagMutability: optional(literal("MUTABLE", "IMMUTABLE")),
  scanOnPush: optional(boolean),
  keepReleaseImages: optional(number()),
  releaseTagPrefix: optional(string()),
  untaggedExpireDays: optional(number()),
  terraformNames,
});

const scheduledTask = object<ScheduledTaskSettings>(
  {
    schedule: string(),
    taskDefinition: object<ScheduledTaskSettings["taskDefinition"]>({
      ...taskDefinitionFields,
      family: string(),
      containerName: optional(string()),
    }),
    logs: object<ScheduledTaskSettings["logs"]>({ name: string(), retentionInDays: optional(number()) }),
    ruleName: optional(string()),
    description: optional(string()),
    enabled: optional(boolean),
    platformVersion: optional(string()),
    taskCount: optional(number()),
  },
  {
    // Application Auto Scaling's scheduled actions take one; an EventBridge rule does not.
    refused: {
      timezone:
        "an EventBridge rule has no time zone and reads cron() in UTC: write the schedule in UTC (03:00 in Asia/Tokyo is cron(0 18 * * ? *))",
    },
  },
);
const scheduledTasks = object<ScheduledTasksSettings>({
  eventsRole: object<ScheduledTasksSettings["eventsRole"]>({ name: string(), terraformNames }),
  tasks: record(scheduledTask),
});

const state = object<StateSettings>({
  bucket: optional(string()),
  key: optional(string()),
  region: optional(string()),
  dynamodbTable: optional(string()),
});

const checks = object<ChecksSettings>({
  acknowledgements: optional(list(object<Acknowledgement>({ rule: string(), address: string(), reason: string() }))),
  strict: optional(boolean),
});

const fields: Fields<EnvironmentSettings> = {
  environment: string(),
  stackName: string(),
  region: string(),
  project: string(),
  network,
  kms: optional(kms),
  loadBalancer,
  accessLogs: optional(accessLogs),
  waf: optional(waf),
  cluster,
  logs,
  taskExecutionRole,
  taskRole: optional(taskRole),
  secrets: optional(secrets),
  taskDefinition,
  service,
  autoscaling: optional(autoscaling),
  services: optional(record(otherService)),
  ecr: optional(ecr),
  scheduledTasks: optional(scheduledTasks),
  state,
  checks,
};

/** One environment's settings, as `config/environments/<environment>.ts` exports them. */
export const ENVIRONMENT_SETTINGS: Shape<EnvironmentSettings> = object<EnvironmentSettings>(fields, {
  // A certificate for a domain comes with the HTTPS listener that serves it.
  moved: { dns: "loadBalancer.https.dns" },
});
