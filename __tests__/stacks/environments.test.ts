import { Testing } from "cdktf";
import { ENVIRONMENTS } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { addresses, synthJson, TerraformJson } from "../helpers/synth";

/** Every leaf of a JSON value by its path, e.g. `resource.aws_vpc.example.cidr_block`. */
function leaves(value: unknown, at = "", into = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, at ? `${at}.${key}` : key, into);
  } else {
    into.set(at, value);
  }
  return into;
}

function differences(a: TerraformJson, b: TerraformJson): Record<string, [unknown, unknown]> {
  const left = leaves(a);
  const right = leaves(b);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return Object.fromEntries(
    paths.filter((p) => left.get(p) !== right.get(p)).map((p) => [p, [left.get(p), right.get(p)]]),
  );
}

describe("the environments", () => {
  const json = (settings: typeof dev) => synthJson(new EcsFargateStack(Testing.app(), settings));

  it("are dev and prod, one stack each", () => {
    expect(ENVIRONMENTS.map((e) => [e.environment, e.stackName])).toEqual([
      ["dev", "ecs-fargate-dev"],
      ["prod", "ecs-fargate-prod"],
    ]);
  });

  it("share every Terraform address", () => {
    expect(addresses(json(prod))).toEqual(addresses(json(dev)));
  });

  it("differ exactly by their configured values", () => {
    const [devJson, prodJson] = [json(dev), json(prod)];
    const { "resource.aws_ecs_task_definition.example.container_definitions": containers, ...rest } = differences(
      devJson,
      prodJson,
    );
    expect(rest).toEqual({
      "provider.aws.0.default_tags.0.tags.Environment": ["dev", "prod"],
      "provider.aws.0.default_tags.0.tags.ManagedBy": ["cdktf:ecs-fargate-dev", "cdktf:ecs-fargate-prod"],
      "resource.aws_cloudwatch_log_group.for_ecs.name": ["/ecs/example", "/ecs/example-prod"],
      "resource.aws_cloudwatch_log_group.for_ecs.retention_in_days": [180, 365],
      "resource.aws_ecs_cluster.example.name": ["example", "example-prod"],
      "resource.aws_ecs_service.example.name": ["example", "example-prod"],
      "resource.aws_ecs_task_definition.example.cpu": ["256", "512"],
      "resource.aws_ecs_task_definition.example.family": ["example", "example-prod"],
      "resource.aws_ecs_task_definition.example.memory": ["512", "1024"],
      "resource.aws_iam_policy.ecs_task_execution_role.name": ["ecs-task-execution", "ecs-task-execution-prod"],
      "resource.aws_iam_role.ecs_task_execution_role.name": ["ecs-task-execution", "ecs-task-execution-prod"],
      "resource.aws_lb.example.name": ["example", "example-prod"],
      "resource.aws_lb_target_group.example.name": ["example", "example-prod"],
      "resource.aws_security_group.http_sg.name": ["http-sg", "http-sg-prod"],
      "resource.aws_security_group.nginx_sg.name": ["nginx-sg", "nginx-sg-prod"],
      "resource.aws_subnet.private_0.cidr_block": ["10.0.65.0/24", "10.1.65.0/24"],
      "resource.aws_subnet.private_0.tags.Name": ["example-private-0", "example-prod-private-0"],
      "resource.aws_subnet.private_1.cidr_block": ["10.0.66.0/24", "10.1.66.0/24"],
      "resource.aws_subnet.private_1.tags.Name": ["example-private-1", "example-prod-private-1"],
      "resource.aws_subnet.public_0.cidr_block": ["10.0.1.0/24", "10.1.1.0/24"],
      "resource.aws_subnet.public_0.tags.Name": ["example-public-0", "example-prod-public-0"],
      "resource.aws_subnet.public_1.cidr_block": ["10.0.2.0/24", "10.1.2.0/24"],
      "resource.aws_subnet.public_1.tags.Name": ["example-public-1", "example-prod-public-1"],
      "resource.aws_vpc.example.cidr_block": ["10.0.0.0/16", "10.1.0.0/16"],
      "resource.aws_vpc.example.tags.Name": ["example", "example-prod"],
      "terraform.backend.local.path": [
        "../../../terraform.ecs-fargate-dev.tfstate",
        "../../../terraform.ecs-fargate-prod.tfstate",
      ],
    });
    // The containers differ only by where they log: prod's file leaves the group and region to the stack.
    const [devContainers, prodContainers] = (containers ?? []).map((c) => JSON.parse(String(c)));
    expect(devContainers[0].logConfiguration.options).toEqual({
      "awslogs-region": "ap-northeast-1",
      "awslogs-stream-prefix": "nginx",
      "awslogs-group": "/ecs/example",
    });
    expect(prodContainers[0].logConfiguration.options).toEqual({
      "awslogs-stream-prefix": "nginx",
      "awslogs-group": "/ecs/example-prod",
      "awslogs-region": "ap-northeast-1",
    });
    const withoutLogs = (c: any[]) => c.map(({ logConfiguration: _, ...rest }) => rest);
    expect(withoutLogs(prodContainers)).toEqual(withoutLogs(devContainers));
  });
});
