// A second target and a second service are settings only: each adds its own addresses, named
// after its name or key, and changes nothing of the note's resources but what binds them.
import { Testing } from "cdktf";
import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { fixtureFile } from "../helpers/container-definitions";
import { differences } from "../helpers/json-diff";
import { ADMIN_TARGET, NOTE_TARGET, WORKER, withTwoPorts } from "../helpers/services";
import { settingsWith } from "../helpers/settings";
import { addresses, resource, synthJson, TerraformJson, validationErrors } from "../helpers/synth";

function synth(settings: EnvironmentSettings) {
  const stack = new EcsFargateStack(Testing.app(), settings);
  return { errors: validationErrors(stack), json: synthJson(stack) };
}

/** The leaves that differ outside the addresses `added`: what the change does to what was there. */
function changedOutside(before: TerraformJson, after: TerraformJson, added: readonly string[]): string[] {
  return Object.keys(differences(before, after)).filter((leaf) => {
    const [mode, type, name] = leaf.split(".");
    return !added.includes(mode === "data" ? `data.${type}.${name}` : `${type}.${name}`);
  });
}

const EXAMPLE = NOTE_TARGET;
const ADMIN = { ...ADMIN_TARGET, healthCheck: { path: "/admin/" } };
const DEV_TWO_PORTS = withTwoPorts();
const SCALED_WORKER = { ...WORKER, autoscaling: { minCapacity: 1, maxCapacity: 4, cpu: { targetValue: 70 } } };

describe("a second load-balanced target", () => {
  const before = synth(DEV_TWO_PORTS);
  const after = synth(settingsWith({ service: { targets: [EXAMPLE, ADMIN] } }, DEV_TWO_PORTS));
  const added = [
    "aws_lb_listener_rule.admin",
    "aws_lb_target_group.admin",
    "aws_security_group_rule.nginx_sg_ingress_8081",
  ];

  it("is settings only: its target group, its rule and its port's ingress rule, named after it", () => {
    expect(after.errors).toEqual([]);
    expect(addresses(after.json).filter((a) => !addresses(before.json).includes(a))).toEqual(added);
    expect(addresses(before.json).filter((a) => !addresses(after.json).includes(a))).toEqual([]);
  });

  it("changes nothing of the note's resources but the service's second binding and the rule it waits for", () => {
    expect(changedOutside(before.json, after.json, added)).toEqual([
      "resource.aws_ecs_service.example.depends_on.1",
      "resource.aws_ecs_service.example.load_balancer.1.container_name",
      "resource.aws_ecs_service.example.load_balancer.1.container_port",
      "resource.aws_ecs_service.example.load_balancer.1.target_group_arn",
    ]);
    expect(resource(after.json, "aws_ecs_service", "example").load_balancer[1]).toEqual({
      target_group_arn: "${aws_lb_target_group.admin.arn}",
      container_name: "example",
      container_port: 8081,
    });
  });

  it("forwards its paths at its priority to its port, with its health check", () => {
    expect(resource(after.json, "aws_lb_target_group", "admin")).toMatchObject({
      name: "example-admin",
      port: 8081,
      health_check: expect.objectContaining({ path: "/admin/" }),
    });
    expect(resource(after.json, "aws_lb_listener_rule", "admin")).toMatchObject({
      priority: 10,
      condition: [{ path_pattern: { values: ["/admin/*"] } }],
    });
  });

  it("opens its port as dev opens the note's: from the VPC's CIDR block (`ingressFrom: \"vpc\"`)", () => {
    expect(resource(after.json, "aws_security_group_rule", "nginx_sg_ingress_8081")).toMatchObject({
      type: "ingress",
      from_port: 8081,
      to_port: 8081,
      cidr_blocks: ["${aws_vpc.example.cidr_block}"],
    });
  });
});

describe("`service.ingressFrom`", () => {
  it("left out: the containers let their ports in from the load balancer's security group only", () => {
    const { json, errors } = synth(settingsWith({ service: { ingressFrom: undefined } }));
    expect(errors).toEqual([]);
    const rule = resource(json, "aws_security_group_rule", "nginx_sg_ingress");
    expect(rule).toMatchObject({ from_port: 80, source_security_group_id: "${aws_security_group.http_sg.id}" });
    expect(rule).not.toHaveProperty("cidr_blocks");
  });

  it("\"vpc\": from the VPC's CIDR block, the note's choice, which dev keeps", () => {
    expect(dev.service.ingressFrom).toBe("vpc");
    const rule = resource(synth(dev).json, "aws_security_group_rule", "nginx_sg_ingress");
    expect(rule).toMatchObject({ cidr_blocks: ["${aws_vpc.example.cidr_block}"] });
    expect(rule).not.toHaveProperty("source_security_group_id");
  });
});

describe("`autoscaling.requests.target`", () => {
  const withAdmin = settingsWith(
    { taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") } },
    settingsWith({ service: { targets: [EXAMPLE, { ...ADMIN, containerPort: 80 }] } }, prod),
  );
  const label = (json: TerraformJson) =>
    resource(json, "aws_appautoscaling_policy", "requests").target_tracking_scaling_policy_configuration
      .predefined_metric_specification.resource_label;

  it("left out: tracks the requests of the service's first target", () => {
    const { json, errors } = synth(withAdmin);
    expect(errors).toEqual([]);
    expect(label(json)).toBe("${aws_lb.example.arn_suffix}/${aws_lb_target_group.example.arn_suffix}");
  });

  it("names the target it follows", () => {
    const { json, errors } = synth(settingsWith({ autoscaling: { requests: { target: "admin" } } }, withAdmin));
    expect(errors).toEqual([]);
    expect(label(json)).toBe("${aws_lb.example.arn_suffix}/${aws_lb_target_group.admin.arn_suffix}");
  });
});

describe("a second service", () => {
  const before = synth(dev);
  const after = synth(settingsWith({ services: { worker: SCALED_WORKER } }));
  const added = [
    "aws_appautoscaling_policy.worker_cpu",
    "aws_appautoscaling_target.worker",
    "aws_cloudwatch_log_group.worker",
    "aws_ecs_service.worker",
    "aws_ecs_task_definition.worker",
    "aws_security_group.worker_sg",
    "aws_security_group_rule.worker_sg_egress",
  ];

  it("is settings only: its own addresses, named after its key, and nothing of the note's changes", () => {
    expect(after.errors).toEqual([]);
    expect(addresses(after.json).filter((a) => !addresses(before.json).includes(a))).toEqual(added);
    expect(changedOutside(before.json, after.json, added)).toEqual([]);
  });

  it("takes its AWS names from the note's and its key", () => {
    const { json } = after;
    expect(resource(json, "aws_ecs_service", "worker").name).toBe("example-worker");
    expect(resource(json, "aws_ecs_task_definition", "worker").family).toBe("example-worker");
    expect(resource(json, "aws_cloudwatch_log_group", "worker")).toMatchObject({
      name: "/ecs/example-worker",
      retention_in_days: 180,
    });
    expect(resource(json, "aws_security_group", "worker_sg").name).toBe("example-worker");
    expect(resource(json, "aws_appautoscaling_policy", "worker_cpu").name).toBe("${aws_ecs_service.worker.name}-cpu");
  });

  it("runs in the environment's cluster and private subnets, with its own security group, no load balancer", () => {
    const service = resource(after.json, "aws_ecs_service", "worker");
    expect(service).toMatchObject({
      cluster: "${aws_ecs_cluster.example.arn}",
      task_definition: "${aws_ecs_task_definition.worker.arn}",
      desired_count: 1,
      launch_type: "FARGATE",
      network_configuration: {
        assign_public_ip: false,
        security_groups: ["${aws_security_group.worker_sg.id}"],
        subnets: ["${aws_subnet.private_0.id}", "${aws_subnet.private_1.id}"],
      },
      lifecycle: { ignore_changes: ["task_definition", "desired_count"] },
    });
    expect(service).not.toHaveProperty("load_balancer");
    expect(service).not.toHaveProperty("health_check_grace_period_seconds");
    expect(service).not.toHaveProperty("depends_on");
  });

  it("lets nothing in: its security group has an egress rule only", () => {
    expect(
      Object.keys(after.json.resource.aws_security_group_rule ?? {}).filter((n) => n.startsWith("worker")),
    ).toEqual(["worker_sg_egress"]);
  });

  it("logs to its own group, with the execution role the note's service uses", () => {
    const taskDefinition = resource(after.json, "aws_ecs_task_definition", "worker");
    expect(taskDefinition.execution_role_arn).toBe("${aws_iam_role.ecs_task_execution_role.arn}");
    expect(taskDefinition.depends_on).toEqual(["aws_cloudwatch_log_group.worker"]);
    expect(JSON.parse(taskDefinition.container_definitions)[0].logConfiguration.options).toEqual({
      "awslogs-stream-prefix": "worker",
      "awslogs-group": "/ecs/example-worker",
      "awslogs-region": "ap-northeast-1",
    });
  });

  it("scales its own task count on CPU", () => {
    expect(resource(after.json, "aws_appautoscaling_target", "worker")).toMatchObject({
      resource_id: "service/${aws_ecs_cluster.example.name}/${aws_ecs_service.worker.name}",
      min_capacity: 1,
      max_capacity: 4,
    });
  });

  it("behind the load balancer with targets of its own: named after them, let in from the load balancer only", () => {
    const withTargets = settingsWith({
      services: {
        api: {
          taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") },
          service: {
            targets: [
              { name: "api", containerName: "example", containerPort: 80, pathPatterns: ["/api/*"], priority: 20 },
            ],
          },
        },
      },
    });
    const { json, errors } = synth(withTargets);
    expect(errors).toEqual([]);
    expect(addresses(json)).toEqual(
      expect.arrayContaining([
        "aws_ecs_service.api",
        "aws_lb_listener_rule.api",
        "aws_lb_target_group.api",
        "aws_security_group_rule.api_sg_ingress",
      ]),
    );
    expect(resource(json, "aws_ecs_service", "api")).toMatchObject({
      load_balancer: [
        { target_group_arn: "${aws_lb_target_group.api.arn}", container_name: "example", container_port: 80 },
      ],
      health_check_grace_period_seconds: 60,
      depends_on: ["aws_lb_listener_rule.api"],
    });
    expect(resource(json, "aws_security_group_rule", "api_sg_ingress")).toMatchObject({
      from_port: 80,
      source_security_group_id: "${aws_security_group.http_sg.id}",
    });
  });
});
