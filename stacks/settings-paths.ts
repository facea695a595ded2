// The constructs' problems in the settings' own words. A construct reports a broken prop by
// its construct path and prop name (`ecs-fargate-dev/service: \`loadBalancer.containerPort\``);
// for the constructs a stack builds from an environment's settings, the user wrote the value
// under another path (`service.loadBalancedContainer.containerPort` in config/environments/dev.ts).
// This table maps one to the other, so that each mistake is reported once, where it was made:
// two constructs that receive one setting give the same line, printed once.
import { TerraformStack } from "cdktf";
import { ProblemSource, showProblemsAs } from "../constructs/shared/validation";

/** How one construct's props map to the settings. */
export interface SettingsOf {
  /** The settings group its props come from: `logs` for `logs.retentionInDays`. */
  readonly group: string;
  /** Props the settings name otherwise (a prefix maps everything under it): `targetPort` -> `service.loadBalancedContainer.containerPort`. */
  readonly renamed?: Readonly<Record<string, string>>;
  /** Props the stack derives from other constructs (ids, ARNs): a problem there is the stack's, shown under the construct's path. */
  readonly derived?: readonly string[];
}

const CONTAINER_NAME = "service.loadBalancedContainer.containerName";
const CONTAINER_PORT = "service.loadBalancedContainer.containerPort";

/** An IAM role module inside a construct: its name is a setting, the rest is the construct's. */
const role = (name: string): SettingsOf => ({
  group: name.slice(0, name.lastIndexOf(".")),
  renamed: { name },
  derived: ["identifier", "policy"],
});

/** A log group inside a construct: its name, retention and key come from that construct's settings. */
const logGroup = (name: string): SettingsOf => ({
  group: name.slice(0, name.lastIndexOf(".")),
  renamed: { name },
  derived: ["kmsKeyArn"],
});

/** A security group module inside the load balancer: its options and name are settings, its rule the construct's. */
const loadBalancerSecurityGroup = (group: string, name: string): SettingsOf => ({
  group,
  renamed: { name },
  derived: ["vpcId", "port", "cidrBlocks"],
});

/**
 * The stack's constructs, by path under the stack (the note's construct ids; constructs given
 * their own Terraform names keep their construct path), and the settings each is built from
 * (`stacks/ecs-fargate-stack.ts`).
 */
export const SETTINGS_OF_CONSTRUCTS: Readonly<Record<string, SettingsOf>> = {
  kms: { group: "kms", renamed: { region: "region" } },
  network: { group: "network", renamed: { region: "region" }, derived: ["flowLogs.kmsKeyArn"] },
  "network/flow_log_role": role("network.flowLogs.roleName"),
  "network/flow_log_group": logGroup("network.flowLogs.logGroupName"),
  certificate: { group: "loadBalancer.https.dns" },
  accessLogs: { group: "accessLogs" },
  loadBalancer: {
    group: "loadBalancer",
    renamed: { targetPort: CONTAINER_PORT },
    derived: ["vpcId", "subnetIds", "https.certificateArn", "accessLogs"],
  },
  "loadBalancer/http_sg": loadBalancerSecurityGroup("loadBalancer.httpSecurityGroup", "loadBalancer.securityGroupName"),
  "loadBalancer/https_sg": loadBalancerSecurityGroup(
    "loadBalancer.https.securityGroup",
    "loadBalancer.https.securityGroupName",
  ),
  domain: { group: "loadBalancer.https.dns", derived: ["zoneId", "name", "targetDnsName", "targetZoneId"] },
  waf: { group: "waf", derived: ["loadBalancerArn", "logging.kmsKeyArn"] },
  "waf/log_group": logGroup("waf.logging.logGroupName"),
  ecr: { group: "ecr", derived: ["kmsKeyArn"] },
  cluster: { group: "cluster" },
  logs: { group: "logs", derived: ["kmsKeyArn"] },
  secrets: { group: "secrets", renamed: { region: "region" }, derived: ["parametersKmsKeyArn"] },
  taskExecutionRole: {
    group: "taskExecutionRole",
    derived: ["ssmParameterArns", "secretsManagerSecretArns", "kmsKeyArns"],
  },
  "taskExecutionRole/ecs_task_execution_role": role("taskExecutionRole.name"),
  taskRole: { group: "taskRole", derived: ["execLogGroupArn"] },
  "taskRole/ecs_task_role": role("taskRole.name"),
  taskDefinition: {
    group: "taskDefinition",
    renamed: { containerName: CONTAINER_NAME, secrets: "secrets.secrets", logGroupName: "logs.name", region: "region" },
    derived: ["executionRoleArn", "taskRoleArn"],
  },
  nginx_sg: {
    group: "service.securityGroup",
    renamed: { name: "service.securityGroupName", port: CONTAINER_PORT },
    derived: ["vpcId", "cidrBlocks"],
  },
  service: {
    group: "service",
    renamed: {
      "loadBalancer.containerName": CONTAINER_NAME,
      "loadBalancer.containerPort": CONTAINER_PORT,
      enableExecuteCommand: "taskRole.enableExecuteCommand",
    },
    derived: ["clusterArn", "taskDefinitionArn", "subnetIds", "securityGroupIds", "loadBalancer.targetGroupArn"],
  },
  autoscaling: {
    group: "autoscaling",
    renamed: { desiredCount: "service.desiredCount" },
    derived: ["clusterName", "serviceName", "loadBalancerArnSuffix", "targetGroupArnSuffix"],
  },
  ecsEventsRole: { group: "scheduledTasks.eventsRole" },
  "ecsEventsRole/ecs_events_role": role("scheduledTasks.eventsRole.name"),
  scheduledTasks: { group: "scheduledTasks" },
  // `*` is a task's key, the same in its construct path and its settings' path.
  "scheduledTasks/*": {
    group: "scheduledTasks.tasks.*",
    renamed: { id: "scheduledTasks.tasks.*" },
    derived: ["clusterArn", "eventsRoleArn", "subnetIds", "securityGroupIds"],
  },
  "scheduledTasks/*/logs": logGroup("scheduledTasks.tasks.*.logs.name"),
  "scheduledTasks/*/taskDefinition": {
    group: "scheduledTasks.tasks.*.taskDefinition",
    renamed: { logGroupName: "scheduledTasks.tasks.*.logs.name", region: "region" },
    derived: ["executionRoleArn"],
  },
};

/**
 * The settings a construct is built from, by its path under the stack: an entry of
 * SETTINGS_OF_CONSTRUCTS, where a `*` stands for one segment (a scheduled task's key) and stands
 * for the same key in the settings' paths.
 */
export function settingsOfConstruct(path: string): SettingsOf | undefined {
  const exact = SETTINGS_OF_CONSTRUCTS[path];
  if (exact) return exact;
  const segments = path.split("/");
  for (const [pattern, settings] of Object.entries(SETTINGS_OF_CONSTRUCTS)) {
    const parts = pattern.split("/");
    if (!pattern.includes("*") || parts.length !== segments.length) continue;
    const key = segments[parts.indexOf("*")];
    if (key === undefined || parts.some((part, i) => part !== "*" && part !== segments[i])) continue;
    const fill = (settingsPath: string) => settingsPath.replace("*", key);
    return {
      group: fill(settings.group),
      renamed: Object.fromEntries(Object.entries(settings.renamed ?? {}).map(([from, to]) => [from, fill(to)])),
      derived: settings.derived,
    };
  }
  return undefined;
}

/** `property` is `prefix` or lies under it (`secrets.X`, `cidrBlocks[0]`): the rest, or undefined. */
function under(property: string, prefix: string): string | undefined {
  if (property === prefix) return "";
  const next = property[prefix.length];
  return property.startsWith(prefix) && (next === "." || next === "[") ? property.slice(prefix.length) : undefined;
}

function sourceOf(file: string, settings: SettingsOf): ProblemSource {
  return (property) => {
    if ((settings.derived ?? []).some((prefix) => under(property, prefix) !== undefined)) return undefined;
    for (const [from, to] of Object.entries(settings.renamed ?? {})) {
      const rest = under(property, from);
      if (rest !== undefined) return { source: file, property: `${to}${rest}` };
    }
    return { source: file, property: `${settings.group}.${property}` };
  };
}

/** Shows the problems of `stack`'s constructs under their settings' paths in `file`. */
export function showProblemsAsSettings(stack: TerraformStack, file: string): void {
  for (const construct of stack.node.findAll()) {
    const settings = settingsOfConstruct(construct.node.path.slice(stack.node.path.length + 1));
    if (settings) showProblemsAs(construct, sourceOf(file, settings));
  }
}
