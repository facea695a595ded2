// A construct's problem is reported under the setting the user wrote, once, even when several
// constructs receive that setting (stacks/settings-paths.ts).
import { Testing, TerraformElement } from "cdktf";
import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { addEnvironmentStacks } from "../../stacks/app";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { settingsOfConstruct, settingsOfConstructs } from "../../stacks/settings-paths";
import { fixtureFile } from "../helpers/container-definitions";
import { ADMIN_TARGET, NOTE_TARGET, TWO_PORTS_FILE, WORKER, withTwoPorts } from "../helpers/services";
import { settingsWith } from "../helpers/settings";
import { capturedStderr, synthesizeInFolder, validationErrors } from "../helpers/synth";

/** The tests' own file of one container (`example`, port 80): a container added to dev's or prod's file changes no line here. */
const FIXTURE = "__tests__/fixtures/container-definitions/nginx.json";
const TWO_PORTS = withTwoPorts();
const EXAMPLE = NOTE_TARGET;
const ADMIN = ADMIN_TARGET;

describe("problems under the settings' paths", () => {
  const stderr = capturedStderr();

  it("knows every construct the stack builds from the settings (prod builds them all)", () => {
    const stack = new EcsFargateStack(Testing.app(), prod);
    const built = stack.node
      .findAll()
      .filter((c) => c !== stack && !(c instanceof TerraformElement))
      .map((c) => c.node.path.slice(stack.node.path.length + 1));
    const table = settingsOfConstructs(prod);
    expect(built.filter((id) => settingsOfConstruct(table, id) === undefined)).toEqual([]);
    // A `*` entry stands for one segment (a scheduled task's key): prod's task `batch` builds it.
    const builds = (entry: string) => built.some((id) => new RegExp(`^${entry.replace(/\*/g, "[^/]+")}$`).test(id));
    expect(Object.keys(table).filter((entry) => !builds(entry))).toEqual([]);
  });

  it.each<[string, EnvironmentSettings, string]>([
    [
      "a container port that three constructs receive (target group, nginx_sg, the service)",
      settingsWith({ service: { targets: [{ containerName: "example", containerPort: 70000 }] } }),
      "config/environments/dev.ts: `service.targets[0].containerPort` must be a whole number from 1 to 65535, got: 70000",
    ],
    [
      "a container port the file does not map",
      settingsWith({
        taskDefinition: { containerDefinitionsFile: fixtureFile() },
        service: { targets: [{ containerName: "example", containerPort: 8080 }] },
      }),
      `config/environments/dev.ts: \`service.targets[0].containerPort\` must be a containerPort of "example" in ${FIXTURE} (80), got: 8080`,
    ],
    [
      "a container name that the task definition and the service both look up (prod pins an image)",
      settingsWith(
        {
          taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") },
          service: { targets: [{ containerName: "nginx", containerPort: 80 }] },
        },
        prod,
      ),
      'config/environments/prod.ts: `service.targets[0].containerName` must name a container in __tests__/fixtures/container-definitions/nginx-logs-from-stack.json (example), got: "nginx"',
    ],
    [
      "the containers' security group name",
      settingsWith({ service: { securityGroupName: "" } }),
      'config/environments/dev.ts: `service.securityGroupName` must be 1 to 255 characters of ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-, got: ""',
    ],
    [
      "the load balancer's security group name (a construct inside a construct)",
      settingsWith({ loadBalancer: { securityGroupName: "sg-web" } }),
      'config/environments/dev.ts: `loadBalancer.securityGroupName` must be 1 to 255 characters of ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-, got: "sg-web"',
    ],
    [
      "the HTTPS security group's name",
      settingsWith({ loadBalancer: { https: { securityGroupName: "sg-https" } } }, prod),
      'config/environments/prod.ts: `loadBalancer.https.securityGroupName` must be 1 to 255 characters of ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-, got: "sg-https"',
    ],
    [
      "the task execution role's name",
      settingsWith({ taskExecutionRole: { name: "ecs task execution" } }),
      'config/environments/dev.ts: `taskExecutionRole.name` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "ecs task execution"',
    ],
    [
      "the task role's name",
      settingsWith({ taskRole: { name: "ecs task" } }, prod),
      'config/environments/prod.ts: `taskRole.name` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "ecs task"',
    ],
    [
      "the flow logs' role name",
      settingsWith({ network: { flowLogs: { roleName: "flow logs" } } }, prod),
      'config/environments/prod.ts: `network.flowLogs.roleName` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "flow logs"',
    ],
    [
      "a task size Fargate does not offer",
      settingsWith({ taskDefinition: { cpu: 256, memoryMiB: 4096 } }),
      "config/environments/dev.ts: `taskDefinition.memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
    ],
    [
      "a flow-log retention CloudWatch does not offer",
      settingsWith({ network: { flowLogs: { retentionInDays: 100 } } }, prod),
      "config/environments/prod.ts: `network.flowLogs.retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100",
    ],
    [
      "a WAF log retention CloudWatch does not offer (the log group inside the web ACL)",
      settingsWith({ waf: { logging: { retentionInDays: 2 } } }, prod),
      "config/environments/prod.ts: `waf.logging.retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 2",
    ],
    [
      "a flow-log group name CloudWatch rejects",
      settingsWith({ network: { flowLogs: { logGroupName: "/vpc/flow logs" } } }, prod),
      'config/environments/prod.ts: `network.flowLogs.logGroupName` must be 1 to 512 characters of letters, digits and ._-/#, got: "/vpc/flow logs"',
    ],
    [
      "the containers' log group name",
      settingsWith({
        logs: { name: "/ecs/my app" },
        taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") },
      }),
      'config/environments/dev.ts: `logs.name` must be 1 to 512 characters of letters, digits and ._-/#, got: "/ecs/my app"',
    ],
    [
      "a second target's priority that the first has (left out, 100)",
      settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, priority: undefined }] } }, TWO_PORTS),
      "config/environments/dev.ts: `service.targets[1].priority` must be unique on the listener: `service.targets[0]` has it too, got: 100",
    ],
    [
      "a second target's path and host that the first forwards too",
      settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, pathPatterns: ["/*"] }] } }, TWO_PORTS),
      'config/environments/dev.ts: `service.targets[1].pathPatterns` must not forward what `service.targets[0]` forwards too (/* on any host): only the rule with the lower priority would ever match it, got: ["/*"]',
    ],
    [
      "a second target behind the first's rule of every path",
      settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, priority: 200 }] } }, TWO_PORTS),
      "config/environments/dev.ts: `service.targets[1].priority` must be below `service.targets[0].priority` (100): that rule forwards every path on any host, so this one would never match, got: 200",
    ],
    [
      "a second target on a port no container maps",
      settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, containerPort: 9090 }] } }, TWO_PORTS),
      `config/environments/dev.ts: \`service.targets[1].containerPort\` must be a containerPort of "example" in ${TWO_PORTS_FILE} (80, 8081), got: 9090`,
    ],
    [
      "a second target on a container not in the task",
      settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, containerName: "admin" }] } }, TWO_PORTS),
      `config/environments/dev.ts: \`service.targets[1].containerName\` must name a container in ${TWO_PORTS_FILE} (example), got: "admin"`,
    ],
    [
      "a second target without a name",
      settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, name: undefined }] } }, TWO_PORTS),
      "config/environments/dev.ts: `service.targets[1].name` must be given: only the first target keeps the note's addresses (example), the others are named after theirs, got: undefined",
    ],
    [
      "a second target whose port the load balancer's narrowed egress does not let out (prod)",
      settingsWith(
        {
          taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") },
          service: { targets: [EXAMPLE, { ...ADMIN, containerPort: 80 }] },
          loadBalancer: { httpSecurityGroup: { egress: { ports: [8081] } } },
        },
        prod,
      ),
      "config/environments/prod.ts: `loadBalancer.httpSecurityGroup.egress.ports` must let out every target's port, or the load balancer cannot reach it: 80 (`service.targets[0]`), 80 (`service.targets[1]`) are missing, got: [8081]",
    ],
    [
      "another service's target on a priority of the note's service",
      settingsWith({
        services: {
          api: {
            taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") },
            service: { targets: [{ ...ADMIN, name: "api", containerPort: 80, priority: 100 }] },
          },
        },
      }),
      "config/environments/dev.ts: `services.api.service.targets[0].priority` must be unique on the listener: `service.targets[0]` has it too, got: 100",
    ],
    [
      "another service's target on a container not in its task",
      settingsWith({
        services: {
          api: {
            taskDefinition: { containerDefinitionsFile: fixtureFile("worker") },
            service: { targets: [{ ...ADMIN, name: "api", containerPort: 80 }] },
          },
        },
      }),
      'config/environments/dev.ts: `services.api.service.targets[0].containerName` must name a container in __tests__/fixtures/container-definitions/worker.json (worker), got: "example"',
    ],
    [
      "another service's task size Fargate does not offer",
      settingsWith({
        services: { worker: { ...WORKER, taskDefinition: { ...WORKER.taskDefinition, memoryMiB: 4096 } } },
      }),
      "config/environments/dev.ts: `services.worker.taskDefinition.memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
    ],
    [
      "another service's grace period without a load balancer",
      settingsWith({ services: { worker: { ...WORKER, service: { healthCheckGracePeriodSeconds: 60 } } } }),
      "config/environments/dev.ts: `services.worker.service.healthCheckGracePeriodSeconds` must be left out for a service without `loadBalancers`: ECS takes a grace period only for load balancer health checks, got: 60",
    ],
    [
      "another service's requests tracking without targets",
      settingsWith({
        services: {
          worker: { ...WORKER, autoscaling: { minCapacity: 1, maxCapacity: 2, requests: { targetValue: 100 } } },
        },
      }),
      'config/environments/dev.ts: `services.worker.autoscaling.requests` must be left out for a service without load-balanced targets: it tracks the requests per task of one of them, got: {"targetValue":100}',
    ],
    [
      "another service's egress port",
      settingsWith({
        services: {
          worker: { ...WORKER, service: { securityGroup: { egress: { cidrBlocks: ["0.0.0.0/0"], ports: [0] } } } },
        },
      }),
      "config/environments/dev.ts: `services.worker.service.securityGroup.egress.ports[0]` must be a whole number from 1 to 65535, got: 0",
    ],
    [
      "a key in capitals",
      settingsWith({ services: { Worker: WORKER } }),
      'config/environments/dev.ts: `services.Worker` must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter (it names the service\'s addresses and ends its AWS names), got: "Worker"',
    ],
    [
      "a key the stack's own resources are named after",
      settingsWith({ services: { nginx: WORKER } }),
      'config/environments/dev.ts: `services.nginx` must not be one of example, http, https, nginx, waf: the stack\'s own resources have those Terraform names, got: "nginx"',
    ],
  ])("%s: one line, under the setting's path", (_, settings, line) => {
    const { ok, printed } = synthesizeInFolder((app) => addEnvironmentStacks(app, [settings], {}), stderr());
    expect(ok).toBe(false);
    expect(printed).toBe(`1 problem in the stack's input; nothing was synthesized:\n  ${line}\n`);
  });

  it("keeps the construct's own path and names for a stack built without the settings' files (a construct's user)", () => {
    const settings = settingsWith({ service: { desiredCount: -1 } }, dev);
    expect(validationErrors(new EcsFargateStack(Testing.app(), settings))).toEqual([
      "ecs-fargate-dev/service: `desiredCount` must be a whole number from 0, got: -1",
    ]);
  });
});
