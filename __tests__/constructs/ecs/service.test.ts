import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Lazy } from "cdktf";
import { FargateService, FargateServiceProps, loadContainerDefinitions } from "../../../constructs/ecs";
import { definitionsFile, fixtureContainers } from "../../helpers/container-definitions";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

function build(overrides: Partial<FargateServiceProps> = {}) {
  const stack = testStack();
  const rule = new LbListenerRule(stack, "rule", {
    listenerArn: "arn:listener",
    action: [{ type: "forward", targetGroupArn: "arn:tg" }],
    condition: [{ pathPattern: { values: ["/*"] } }],
  });
  rule.overrideLogicalId("example");
  const service = new FargateService(stack, "service", {
    name: "example",
    clusterArn: "arn:cluster",
    taskDefinitionArn: "arn:task-definition:1",
    subnetIds: ["subnet-private-0", "subnet-private-1"],
    securityGroupIds: ["sg-nginx"],
    loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "example", containerPort: 80 }],
    containerDefinitions: loadContainerDefinitions(definitionsFile(fixtureContainers()).file, {
      networkMode: "awsvpc",
    }),
    dependsOn: [rule],
    ...overrides,
  });
  return { stack, service, json: synthJson(stack) };
}

describe("FargateService", () => {
  describe("defaults", () => {
    it("is the note's aws_ecs_service.example", () => {
      const { json } = build();
      expect(addresses(json)).toContain("aws_ecs_service.example");
      expect(resource(json, "aws_ecs_service", "example")).toMatchObject({
        name: "example",
        cluster: "arn:cluster",
        task_definition: "arn:task-definition:1",
        desired_count: 2,
        launch_type: "FARGATE",
        platform_version: "1.4.0",
        health_check_grace_period_seconds: 60,
      });
    });

    it("runs the tasks in the private subnets without public IPs", () => {
      expect(resource(build().json, "aws_ecs_service", "example").network_configuration).toEqual({
        assign_public_ip: false,
        security_groups: ["sg-nginx"],
        subnets: ["subnet-private-0", "subnet-private-1"],
      });
    });

    it("binds container example port 80 to the target group", () => {
      expect(resource(build().json, "aws_ecs_service", "example").load_balancer).toEqual([
        { target_group_arn: "arn:tg", container_name: "example", container_port: 80 },
      ]);
    });

    it("ignores task definition changes made by deploys outside Terraform", () => {
      expect(resource(build().json, "aws_ecs_service", "example").lifecycle).toEqual({
        ignore_changes: ["task_definition"],
      });
    });

    it("waits for the listener rule that attaches the target group", () => {
      expect(resource(build().json, "aws_ecs_service", "example").depends_on).toEqual(["aws_lb_listener_rule.example"]);
    });

    it("exposes the service name and the desired count", () => {
      const { stack, service } = build();
      expect(resolved(stack, service.serviceName)).toBe("${aws_ecs_service.example.name}");
      expect(service.desiredCount).toBe(2);
    });

    it("without the deployment, ECS Exec and autoscaling settings, is exactly the note's service", () => {
      expect(resource(build().json, "aws_ecs_service", "example")).toEqual({
        name: "example",
        cluster: "arn:cluster",
        task_definition: "arn:task-definition:1",
        desired_count: 2,
        launch_type: "FARGATE",
        platform_version: "1.4.0",
        health_check_grace_period_seconds: 60,
        network_configuration: {
          assign_public_ip: false,
          security_groups: ["sg-nginx"],
          subnets: ["subnet-private-0", "subnet-private-1"],
        },
        load_balancer: [{ target_group_arn: "arn:tg", container_name: "example", container_port: 80 }],
        lifecycle: { ignore_changes: ["task_definition"] },
        depends_on: ["aws_lb_listener_rule.example"],
      });
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("takes desired count, platform version and grace period", () => {
      const { json, stack } = build({ desiredCount: 0, platformVersion: "LATEST", healthCheckGracePeriodSeconds: 0 });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_ecs_service", "example")).toMatchObject({
        desired_count: 0,
        platform_version: "LATEST",
        health_check_grace_period_seconds: 0,
      });
    });
  });

  describe("load balancers", () => {
    /** The fixture's container with a second port, for a second target. */
    function withAdminPort() {
      const containers = fixtureContainers();
      containers[0].portMappings.push({ containerPort: 8081, protocol: "tcp" });
      return loadContainerDefinitions(definitionsFile(containers).file, { networkMode: "awsvpc" });
    }
    const TWO = [
      { targetGroupArn: "arn:tg", containerName: "example", containerPort: 80 },
      { targetGroupArn: "arn:tg-admin", containerName: "example", containerPort: 8081 },
    ];

    it("registers the tasks in every target group, each with its container and port", () => {
      const { json, stack } = build({ loadBalancers: TWO, containerDefinitions: withAdminPort() });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_ecs_service", "example").load_balancer).toEqual([
        { target_group_arn: "arn:tg", container_name: "example", container_port: 80 },
        { target_group_arn: "arn:tg-admin", container_name: "example", container_port: 8081 },
      ]);
    });

    it("without load balancers, has no load_balancer block and no health check grace period (a worker)", () => {
      const { json, stack } = build({ loadBalancers: undefined, dependsOn: undefined });
      expect(validationErrors(stack)).toEqual([]);
      const service = resource(json, "aws_ecs_service", "example");
      expect(service).not.toHaveProperty("load_balancer");
      expect(service).not.toHaveProperty("health_check_grace_period_seconds");
    });

    it("takes a Terraform name from its owner, whatever comes first", () => {
      const { json } = build({ terraformName: "worker" });
      expect(addresses(json)).toContain("aws_ecs_service.worker");
      expect(addresses(json)).not.toContain("aws_ecs_service.example");
    });

    it("rejects a grace period without load balancers: ECS takes one only for their health checks", () => {
      const { stack } = build({ loadBalancers: [], healthCheckGracePeriodSeconds: 60 });
      expect(validationErrors(stack)).toEqual([
        "test/service: `healthCheckGracePeriodSeconds` must be left out for a service without `loadBalancers`: ECS takes a grace period only for load balancer health checks, got: 60",
      ]);
    });

    it("rejects more target groups than ECS takes", () => {
      const loadBalancers = [1, 2, 3, 4, 5, 6].map((i) => ({
        targetGroupArn: `arn:tg-${i}`,
        containerName: "example",
        containerPort: 80,
      }));
      expect(validationErrors(build({ loadBalancers }).stack)).toEqual([
        `test/service: \`loadBalancers\` must hold at most 5 target groups (ECS's limit), got: ${JSON.stringify(loadBalancers)}`,
      ]);
    });

    it("checks each binding against the file: the second's port", () => {
      const { stack } = build({ loadBalancers: TWO });
      expect(validationErrors(stack)).toEqual([
        expect.stringMatching(
          /^test\/service: `loadBalancers\[1\].containerPort` must be a containerPort of "example" in .*container_definitions.json \(80\), got: 8081$/,
        ),
      ]);
    });
  });

  describe("deployments", () => {
    it.each([true, false])("turns the circuit breaker on, rollback %s", (rollback) => {
      const { json, stack } = build({ deploymentCircuitBreaker: { rollback } });
      expect(resource(json, "aws_ecs_service", "example").deployment_circuit_breaker).toEqual({
        enable: true,
        rollback,
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    it("takes the minimum healthy and maximum percents", () => {
      const { json, stack } = build({ deploymentMinimumHealthyPercent: 50, deploymentMaximumPercent: 150 });
      expect(resource(json, "aws_ecs_service", "example")).toMatchObject({
        deployment_minimum_healthy_percent: 50,
        deployment_maximum_percent: 150,
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    it.each<[number | undefined, number | undefined]>([
      [0, 100],
      [100, 200],
      [0, 200],
      [99, 100],
      [undefined, 101],
      [100, undefined],
    ])("accepts a minimum of %s%% with a maximum of %s%%", (min, max) => {
      const { stack } = build({ deploymentMinimumHealthyPercent: min, deploymentMaximumPercent: max });
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("ECS Exec", () => {
    it("is off unless asked for", () => {
      expect(resource(build().json, "aws_ecs_service", "example")).not.toHaveProperty("enable_execute_command");
    });

    it("turns on enable_execute_command", () => {
      expect(resource(build({ enableExecuteCommand: true }).json, "aws_ecs_service", "example")).toMatchObject({
        enable_execute_command: true,
      });
    });
  });

  describe("autoscaled", () => {
    it("leaves the desired count to the scaler: desired_count joins ignore_changes", () => {
      expect(resource(build({ autoscaled: true }).json, "aws_ecs_service", "example")).toMatchObject({
        desired_count: 2,
        lifecycle: { ignore_changes: ["task_definition", "desired_count"] },
      });
    });

    it("keeps the note's ignore_changes when not autoscaled", () => {
      expect(resource(build({ autoscaled: false }).json, "aws_ecs_service", "example").lifecycle).toEqual({
        ignore_changes: ["task_definition"],
      });
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<FargateServiceProps>, string]>([
      [
        "a negative minimum healthy percent",
        { deploymentMinimumHealthyPercent: -1 },
        "test/service: `deploymentMinimumHealthyPercent` must be a whole number from 0 to 100, got: -1",
      ],
      [
        "a minimum healthy percent above 100",
        { deploymentMinimumHealthyPercent: 101 },
        "test/service: `deploymentMinimumHealthyPercent` must be a whole number from 0 to 100, got: 101",
      ],
      [
        "a fractional minimum healthy percent",
        { deploymentMinimumHealthyPercent: 50.5 },
        "test/service: `deploymentMinimumHealthyPercent` must be a whole number from 0 to 100, got: 50.5",
      ],
      [
        "a maximum percent below 100",
        { deploymentMaximumPercent: 99 },
        "test/service: `deploymentMaximumPercent` must be a whole number from 100 to 200, got: 99",
      ],
      [
        "a maximum percent above 200",
        { deploymentMaximumPercent: 201 },
        "test/service: `deploymentMaximumPercent` must be a whole number from 100 to 200, got: 201",
      ],
      [
        "a maximum of 100% with a minimum of 100%",
        { deploymentMinimumHealthyPercent: 100, deploymentMaximumPercent: 100 },
        "test/service: `deploymentMaximumPercent` must be above 100 while the minimum healthy percent is 100: a deployment could neither start a new task nor stop an old one, got: 100",
      ],
      [
        "a maximum of 100% with ECS's default minimum",
        { deploymentMaximumPercent: 100 },
        "test/service: `deploymentMaximumPercent` must be above 100 while the minimum healthy percent is 100 (ECS's default): a deployment could neither start a new task nor stop an old one, got: 100",
      ],
      [
        "a bad minimum with a maximum of 100%: one line, the minimum's",
        { deploymentMinimumHealthyPercent: 150, deploymentMaximumPercent: 100 },
        "test/service: `deploymentMinimumHealthyPercent` must be a whole number from 0 to 100, got: 150",
      ],
      [
        "the retired platform version 1.3.0",
        { platformVersion: "1.3.0" },
        'test/service: `platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"',
      ],
      [
        "the retired platform version 1.0.0",
        { platformVersion: "1.0.0" },
        'test/service: `platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.0.0"',
      ],
      [
        "an unknown platform version",
        { platformVersion: "2.0.0" },
        'test/service: `platformVersion` must be LATEST or 1.4.0, the Fargate platform versions AWS runs, got: "2.0.0"',
      ],
      [
        "a negative desired count",
        { desiredCount: -1 },
        "test/service: `desiredCount` must be a whole number from 0, got: -1",
      ],
      [
        "a fractional desired count",
        { desiredCount: 1.5 },
        "test/service: `desiredCount` must be a whole number from 0, got: 1.5",
      ],
      [
        "a negative grace period",
        { healthCheckGracePeriodSeconds: -1 },
        "test/service: `healthCheckGracePeriodSeconds` must be a whole number from 0 to 2147483647, got: -1",
      ],
      [
        "a grace period beyond ECS's limit",
        { healthCheckGracePeriodSeconds: 2147483648 },
        "test/service: `healthCheckGracePeriodSeconds` must be a whole number from 0 to 2147483647, got: 2147483648",
      ],
      ["no subnets", { subnetIds: [] }, "test/service: `subnetIds` must not be empty, got: []"],
      [
        "a name with a dot",
        { name: "web.app" },
        'test/service: `name` must be 1 to 255 characters of letters, digits, hyphens and underscores, got: "web.app"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it("rejects a load balancer container port out of range", () => {
      const { stack } = build({
        loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "example", containerPort: 70000 }],
      });
      expect(validationErrors(stack)).toEqual([
        "test/service: `loadBalancers[0].containerPort` must be a whole number from 1 to 65535, got: 70000",
      ]);
    });

    it("rejects a load balancer container that is not in the file", () => {
      const { stack } = build({
        loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "web", containerPort: 80 }],
      });
      const [error] = validationErrors(stack);
      expect(error).toMatch(
        /^test\/service: `loadBalancers\[0\].containerName` must name a container in .*container_definitions.json \(example\), got: "web"$/,
      );
    });

    it("rejects a load balancer port the container does not map", () => {
      const { stack } = build({
        loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "example", containerPort: 8080 }],
      });
      const [error] = validationErrors(stack);
      expect(error).toMatch(
        /^test\/service: `loadBalancers\[0\].containerPort` must be a containerPort of "example" in .*container_definitions.json \(80\), got: 8080$/,
      );
    });

    it("leaves a broken file to the task definition's report: one mistake, one line", () => {
      const containers = fixtureContainers();
      containers[0].portMappings[0].containerPort = "80a";
      const containerDefinitions = loadContainerDefinitions(definitionsFile(containers).file, {
        networkMode: "awsvpc",
      });
      expect(containerDefinitions.errors).toHaveLength(1);
      expect(validationErrors(build({ containerDefinitions }).stack)).toEqual([]);
    });

    it("skips values that are only known at apply time", () => {
      // Tokens are skipped even when they would resolve to a bad value: known only at apply, never guessed.
      const { stack } = build({
        desiredCount: Lazy.numberValue({ produce: () => -1 }),
        platformVersion: Lazy.stringValue({ produce: () => "1.3.0" }),
        deploymentMinimumHealthyPercent: Lazy.numberValue({ produce: () => 100 }),
        deploymentMaximumPercent: Lazy.numberValue({ produce: () => 100 }),
      });
      expect(validationErrors(stack)).toEqual([]);
    });
  });
});
