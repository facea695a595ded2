// The constructs' problems in the settings' own words. A construct reports a broken prop by
// its construct path and prop name (`ecs-fargate-dev/service: \`loadBalancers[0].containerPort\``);
// for the constructs a stack builds from an environment's settings, the user wrote the value
// under another path (`service.targets[0].containerPort` in config/environments/dev.ts).
// This table maps one to the other, so that each mistake is reported once, where it was made:
// two constructs that receive one setting give the same line, printed once.
import { TerraformStack } from "cdktf";
import { EnvironmentSettings, TargetSettings } from "../config";
import { ProblemSource, showProblemsAs } from "../constructs/shared/validation";

/** How one construct's props map to the settings. */
export interface SettingsOf {
  /** The settings group its props come from: `logs` for `logs.retentionInDays`. */
  readonly group: string;
  /**
   * Props the settings name otherwise (a prefix maps everything under it), the first that matches:
   * `targets[0].port` -> `service.targets[0].containerPort`.
   */
  readonly renamed?: Readonly<Record<string, string>>;
  /** Props the stack derives from other constructs (ids, ARNs): a problem there is the stack's, shown under the construct's path. */
  readonly derived?: readonly string[];
}

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
  derived: ["vpcId", "ingress"],
});

/** Where one service's settings are. */
interface ServiceSettingsAt {
  /** Its key: none for the note's service. */
  readonly key?: string;
  /** The construct path's prefix: none for the note's service (the stack's root), `<key>/` for the others. */
  readonly scope: string;
  /** `""` for the note's groups (`service`), `services.<key>.` for the others'. */
  readonly at: string;
  readonly targets: readonly TargetSettings[];
}

/** The settings' paths of a service's constructs: log group, task definition, security group, service, autoscaling. */
function serviceConstructs(service: ServiceSettingsAt): Record<string, SettingsOf> {
  const { key, scope, at, targets } = service;
  const target = (i: number) => `${at}service.targets[${i}]`;
  const firstContainer = targets.length > 0 ? `${target(0)}.containerName` : `${at}taskDefinition.containerName`;
  // The security group lets each port in once: its ports[u] is the first target's of that port.
  const ports = [...new Set(targets.map((t) => t.containerPort))];
  return {
    // Another service's constructs are under one of its key; its log group is `<logs.name>-<key>`,
    // with the note's retention (the note's is the stack's `logs`).
    ...(key === undefined
      ? {}
      : { [key]: { group: `services.${key}` }, [`${scope}logs`]: { group: "logs", derived: ["kmsKeyArn"] } }),
    [`${scope}taskDefinition`]: {
      group: `${at}taskDefinition`,
      renamed: {
        // Another service's family is derived: `<taskDefinition.family>-<key>`.
        ...(key === undefined ? { containerName: firstContainer } : { family: "taskDefinition.family" }),
        secrets: "secrets.secrets",
        logGroupName: "logs.name",
        region: "region",
      },
      derived: ["executionRoleArn", "taskRoleArn"],
    },
    [`${scope}${key === undefined ? "nginx" : key}_sg`]: {
      group: `${at}service.securityGroup`,
      renamed: {
        name: key === undefined ? "service.securityGroupName" : "service.name",
        ...Object.fromEntries(
          ports.map((p, u) => [
            `ingress.ports[${u}]`,
            `${target(targets.findIndex((t) => t.containerPort === p))}.containerPort`,
          ]),
        ),
      },
      derived: ["vpcId", "ingress.from"],
    },
    [`${scope}service`]: {
      group: `${at}service`,
      renamed: {
        ...(key === undefined ? {} : { name: "service.name" }),
        ...Object.fromEntries(targets.map((_, i) => [`loadBalancers[${i}]`, target(i)])),
        loadBalancers: `${at}service.targets`,
        enableExecuteCommand: "taskRole.enableExecuteCommand",
      },
      derived: [
        "clusterArn",
        "taskDefinitionArn",
        "subnetIds",
        "securityGroupIds",
        ...targets.map((_, i) => `loadBalancers[${i}].targetGroupArn`),
      ],
    },
    [`${scope}autoscaling`]: {
      group: `${at}autoscaling`,
      renamed: { desiredCount: `${at}service.desiredCount` },
      derived: ["clusterName", "serviceName", "loadBalancerArnSuffix", "targets"],
    },
  };
}

/**
 * The stack's constructs, by path under the stack (the note's construct ids; constructs given
 * their own Terraform names keep their construct path; the other services' under their keys),
 * and the settings each is built from (`stacks/ecs-fargate-stack.ts`).
 */
export function settingsOfConstructs(settings: EnvironmentSettings): Readonly<Record<string, SettingsOf>> {
  const services: ServiceSettingsAt[] = [
    { scope: "", at: "", targets: settings.service.targets },
    ...Object.entries(settings.services ?? {}).map(([key, other]) => ({
      key,
      scope: `${key}/`,
      at: `services.${key}.`,
      targets: other.service.targets ?? [],
    })),
  ];
  // The load balancer's targets are the services' in order: `targets[j].port` is a target's `containerPort`.
  const targetPaths = services
    .flatMap(({ at, targets }) => targets.map((_, i) => `${at}service.targets[${i}]`))
    .flatMap((path, j): [string, string][] => [
      [`targets[${j}].port`, `${path}.containerPort`],
      [`targets[${j}]`, path],
    ]);
  return {
    kms: { group: "kms", renamed: { region: "region" } },
    network: { group: "network", renamed: { region: "region" }, derived: ["flowLogs.kmsKeyArn"] },
    "network/flow_log_role": role("network.flowLogs.roleName"),
    "network/flow_log_group": logGroup("network.flowLogs.logGroupName"),
    certificate: { group: "loadBalancer.https.dns" },
    accessLogs: { group: "accessLogs" },
    loadBalancer: {
      group: "loadBalancer",
      renamed: { ...Object.fromEntries(targetPaths), targets: "service.targets" },
      derived: ["vpcId", "subnetIds", "https.certificateArn", "accessLogs"],
    },
    "loadBalancer/http_sg": loadBalancerSecurityGroup(
      "loadBalancer.httpSecurityGroup",
      "loadBalancer.securityGroupName",
    ),
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
    ...Object.fromEntries(services.flatMap((service) => Object.entries(serviceConstructs(service)))),
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
}

/**
 * The settings a construct is built from, by its path under the stack: an entry of `table`
 * (settingsOfConstructs), where a `*` stands for one segment (a scheduled task's key) and for the
 * same key in the settings' paths.
 */
export function settingsOfConstruct(table: Readonly<Record<string, SettingsOf>>, path: string): SettingsOf | undefined {
  const exact = table[path];
  if (exact) return exact;
  const segments = path.split("/");
  for (const [pattern, settings] of Object.entries(table)) {
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

/** Shows the problems of `stack`'s constructs under the paths of `settings` in `file`. */
export function showProblemsAsSettings(stack: TerraformStack, settings: EnvironmentSettings, file: string): void {
  const table = settingsOfConstructs(settings);
  for (const construct of stack.node.findAll()) {
    const of = settingsOfConstruct(table, construct.node.path.slice(stack.node.path.length + 1));
    if (of) showProblemsAs(construct, sourceOf(file, of));
  }
}
