import * as fs from "fs";
import { Testing } from "cdktf";
import { ENVIRONMENTS } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { EnvironmentSettings } from "../../config";
import { dockerHubImages } from "../../preflight/images";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { fixtureFile, noteContainers } from "../helpers/container-definitions";
import { differences } from "../helpers/json-diff";
import { settingsWith } from "../helpers/settings";
import { addresses, resource, synthJson } from "../helpers/synth";

/** The parts of a container definition these tests read. */
interface Container {
  readonly name: string;
  readonly logConfiguration?: { readonly logDriver?: string; readonly options?: Record<string, string> };
}

describe("the environments", () => {
  const json = (settings: typeof dev) => synthJson(new EcsFargateStack(Testing.app(), settings));

  it("are dev and prod, one stack each", () => {
    expect(ENVIRONMENTS.map((e) => [e.environment, e.stackName])).toEqual([
      ["dev", "ecs-fargate-dev"],
      ["prod", "ecs-fargate-prod"],
    ]);
  });

  it.each<[string, readonly EnvironmentSettings[]]>([
    ["as configured", ENVIRONMENTS],
    [
      "with a worker in dev too",
      ENVIRONMENTS.map((e) =>
        e === dev
          ? settingsWith({
              services: {
                worker: { taskDefinition: { containerDefinitionsFile: fixtureFile("worker") }, service: {} },
              },
            })
          : e,
      ),
    ],
  ])("never share an AWS name, across environments and across services (%s)", (_, environments) => {
    const names = awsNames(environments);
    expect([...names.entries()].filter(([, holders]) => holders.length > 1)).toEqual([]);
    // Every service of every environment is in the count.
    const services = environments.flatMap((e) => [e.service.name, ...Object.keys(e.services ?? {})]);
    expect([...names.keys()].filter((k) => k.startsWith("aws_ecs_service "))).toHaveLength(services.length);
  });

  it("control: a dev service keyed `prod` would take prod's names, and the check above would say so", () => {
    const clashing = ENVIRONMENTS.map((e) =>
      e === dev
        ? settingsWith({
            services: { prod: { taskDefinition: { containerDefinitionsFile: fixtureFile("worker") }, service: {} } },
          })
        : e,
    );
    const repeated = [...awsNames(clashing).entries()].filter(([, holders]) => holders.length > 1);
    expect(repeated.map(([name]) => name)).toEqual([
      "aws_ecs_service example-prod",
      "aws_ecs_task_definition example-prod",
      "aws_cloudwatch_log_group /ecs/example-prod",
    ]);
  });

  it("share every Terraform address of the note's stack; prod adds exactly what its production settings turn on", () => {
    const devAddresses = addresses(json(dev));
    const prodAddresses = addresses(json(prod));
    expect(prodAddresses).toEqual(expect.arrayContaining(devAddresses));
    expect(prodAddresses.filter((a) => !devAddresses.includes(a))).toEqual(PROD_ONLY_ADDRESSES);
  });

  it("differ on the note's resources exactly by their configured values and prod's production settings", () => {
    const [devJson, prodJson] = [json(dev), json(prod)];
    const devAddresses = addresses(devJson);
    const onDevResources = Object.entries(differences(devJson, prodJson)).filter(([path]) => {
      const [mode, type, name] = path.split(".");
      if (mode === "resource") return devAddresses.includes(`${type}.${name}`);
      if (mode === "data") return devAddresses.includes(`data.${type}.${name}`);
      return true;
    });
    const { "resource.aws_ecs_task_definition.example.container_definitions": containers, ...rest } =
      Object.fromEntries(onDevResources);
    expect(rest).toEqual({ ...CONFIGURED_VALUES, ...PRODUCTION_SETTINGS, ...SCHEDULED_TASK_MOVES });
    // Each environment runs its own file: dev the note's, as it is; prod its own (not required to
    // hold dev's containers), with its log group and region filled in where the file leaves them
    // out, and its pinned image and its secret on the load-balanced container.
    const [devContainers, prodContainers] = (containers ?? []).map((c) => JSON.parse(String(c)) as Container[]);
    expect(devContainers).toEqual(noteContainers());
    const prodFile = JSON.parse(fs.readFileSync(prod.taskDefinition.containerDefinitionsFile, "utf8")) as Container[];
    expect(prodContainers?.map((c) => c.name)).toEqual(prodFile.map((c) => c.name));
    const awslogs = (list: Container[]) => list.filter((c) => c.logConfiguration?.logDriver === "awslogs");
    expect(
      awslogs(prodContainers ?? []).map((c) => [
        c.name,
        c.logConfiguration?.options?.["awslogs-group"],
        c.logConfiguration?.options?.["awslogs-region"],
      ]),
    ).toEqual(awslogs(prodFile).map((c) => [c.name, "/ecs/example-prod", "ap-northeast-1"]));
    expect(prodContainers?.find((c) => c.name === prod.service.targets[0]?.containerName)).toMatchObject({
      image: "public.ecr.aws/docker/library/nginx:1.27.3",
      // The parameter exists apart from the stack (bootstrap:secrets): the container names it.
      secrets: [{ name: "APP_SECRET", valueFrom: "/example-prod/app/secret" }],
    });
  });
});

describe("prod's shapes: a sidecar, a second target, a second service", () => {
  const json = synthJson(new EcsFargateStack(Testing.app(), prod));
  const containers = (name: string) =>
    JSON.parse(resource(json, "aws_ecs_task_definition", name).container_definitions) as Record<string, any>[];

  it("runs an OpenTelemetry collector beside the web container, logging under its own prefix, started first", () => {
    const [web, collector] = containers("example");
    expect(collector).toMatchObject({
      name: "otel-collector",
      essential: false,
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-stream-prefix": "otel-collector",
          "awslogs-group": "/ecs/example-prod",
          "awslogs-region": "ap-northeast-1",
        },
      },
    });
    expect(web?.dependsOn).toEqual([{ containerName: "otel-collector", condition: "START" }]);
  });

  it("serves /admin/* from the web container's port 8081, a rule before the one of every path", () => {
    expect(resource(json, "aws_lb_target_group", "admin")).toMatchObject({ name: "example-prod-admin", port: 8081 });
    expect(resource(json, "aws_lb_listener_rule", "admin")).toMatchObject({
      listener_arn: "${aws_lb_listener.https.arn}",
      priority: 10,
      condition: [{ path_pattern: { values: ["/admin/*"] } }],
    });
    expect(resource(json, "aws_security_group_rule", "nginx_sg_ingress_8081")).toMatchObject({
      from_port: 8081,
      source_security_group_id: "${aws_security_group.http_sg.id}",
    });
    for (const group of ["http_sg", "https_sg"]) {
      expect(resource(json, "aws_security_group_rule", `${group}_egress_8081`)).toMatchObject({
        type: "egress",
        from_port: 8081,
        cidr_blocks: ["10.1.0.0/16"],
      });
    }
  });

  it("runs a worker of its own: example-prod-worker, its log group encrypted and kept a year, scaled on CPU", () => {
    expect(resource(json, "aws_ecs_service", "worker")).toMatchObject({
      name: "example-prod-worker",
      desired_count: 1,
      deployment_circuit_breaker: { enable: true, rollback: true },
    });
    expect(resource(json, "aws_ecs_task_definition", "worker")).toMatchObject({ family: "example-prod-worker" });
    expect(containers("worker").map((c) => c.name)).toEqual(["worker"]);
    expect(resource(json, "aws_cloudwatch_log_group", "worker")).toMatchObject({
      name: "/ecs/example-prod-worker",
      retention_in_days: 365,
      kms_key_id: "${aws_kms_key.example.arn}",
    });
    expect(resource(json, "aws_appautoscaling_policy", "worker_cpu")).toMatchObject({
      target_tracking_scaling_policy_configuration: expect.objectContaining({ target_value: 70 }),
    });
  });

  it("pins every image of every task definition, none from Docker Hub", () => {
    const images = ["example", "worker"].flatMap((name) => containers(name).map((c) => String(c.image)));
    expect(images).toEqual([
      "public.ecr.aws/docker/library/nginx:1.27.3",
      "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3",
      "public.ecr.aws/docker/library/busybox:1.36.1",
    ]);
    for (const name of ["example", "worker"]) {
      expect(dockerHubImages(resource(json, "aws_ecs_task_definition", name).container_definitions)).toEqual([]);
    }
  });
});

/**
 * The AWS names that must not repeat, by resource type and argument: each namespace is the account
 * and region (or narrower: a service's name in its cluster, a group's in its VPC), so no two
 * environments and no two services of one may share a value.
 */
const AWS_NAMES: Readonly<Record<string, string>> = {
  aws_ecs_cluster: "name",
  aws_ecs_service: "name",
  aws_ecs_task_definition: "family",
  aws_cloudwatch_log_group: "name",
  aws_security_group: "name",
  aws_lb: "name",
  aws_lb_target_group: "name",
  aws_iam_role: "name",
  aws_iam_policy: "name",
  aws_kms_alias: "name",
  aws_wafv2_web_acl: "name",
  aws_ecr_repository: "name",
};

/** Every AWS name of the stacks, as `<type> <name>` -> the addresses (with their stacks) that hold it. */
function awsNames(stacks: readonly EnvironmentSettings[]): Map<string, string[]> {
  const holders = new Map<string, string[]>();
  for (const settings of stacks) {
    const synthesized = synthJson(new EcsFargateStack(Testing.app(), settings));
    for (const [type, argument] of Object.entries(AWS_NAMES)) {
      for (const [name, args] of Object.entries(synthesized.resource[type] ?? {})) {
        const key = `${type} ${String(args[argument])}`;
        holders.set(key, [...(holders.get(key) ?? []), `${settings.stackName}: ${type}.${name}`]);
      }
    }
  }
  return holders;
}

/** What differs because each environment names its own values (issue 8): names, CIDRs, sizes, retention, tags, state. */
const CONFIGURED_VALUES = {
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
};

/**
 * What differs because prod turns the production settings on (issues 10 and 11), and runs the
 * shapes of issue 17 on the note's service: a second target, `admin`, whose rule the service waits
 * for, and nginx_sg open to the load balancer's group instead of the VPC's CIDR block (dev keeps the note's).
 */
const PRODUCTION_SETTINGS = {
  "data.aws_iam_policy_document.ecs_task_execution.statement.0.actions.1": ["kms:Decrypt", undefined],
  "data.aws_iam_policy_document.ecs_task_execution.statement.0.resources.0": [
    "*",
    "arn:aws:ssm:ap-northeast-1:${data.aws_caller_identity.current.account_id}:parameter/example-prod/app/secret",
  ],
  "data.aws_iam_policy_document.ecs_task_execution.statement.0.sid": [undefined, "ReadSecretParameters"],
  "output.domain_name.description": [undefined, "The service's domain: https://<it>/ reaches the containers."],
  "output.domain_name.value": [undefined, "app.example.com"],
  "output.ecr_repository_url.description": [
    undefined,
    "The image repository: releases push <it>:<tag> and run it (npm run rollout).",
  ],
  "output.ecr_repository_url.value": [undefined, "${aws_ecr_repository.example.repository_url}"],
  "removed.0.from": [undefined, "aws_ssm_parameter.app_secret"],
  "removed.0.lifecycle.destroy": [undefined, false],
  "resource.aws_cloudwatch_log_group.for_ecs.kms_key_id": [undefined, "${aws_kms_key.example.arn}"],
  "resource.aws_ecs_cluster.example.setting.0.name": [undefined, "containerInsights"],
  "resource.aws_ecs_cluster.example.setting.0.value": [undefined, "enabled"],
  "resource.aws_ecs_service.example.depends_on.1": [undefined, "aws_lb_listener_rule.admin"],
  "resource.aws_ecs_service.example.deployment_circuit_breaker.enable": [undefined, true],
  "resource.aws_ecs_service.example.deployment_circuit_breaker.rollback": [undefined, true],
  "resource.aws_ecs_service.example.deployment_maximum_percent": [undefined, 200],
  "resource.aws_ecs_service.example.deployment_minimum_healthy_percent": [undefined, 100],
  "resource.aws_ecs_service.example.enable_execute_command": [undefined, true],
  "resource.aws_ecs_service.example.lifecycle.ignore_changes.1": [undefined, "desired_count"],
  "resource.aws_ecs_service.example.load_balancer.1.container_name": [undefined, "example"],
  "resource.aws_ecs_service.example.load_balancer.1.container_port": [undefined, 8081],
  "resource.aws_ecs_service.example.load_balancer.1.target_group_arn": [undefined, "${aws_lb_target_group.admin.arn}"],
  "resource.aws_ecs_task_definition.example.task_role_arn": [undefined, "${aws_iam_role.ecs_task_role.arn}"],
  "resource.aws_lb.example.access_logs.bucket": [undefined, "${aws_s3_bucket.alb_log.bucket}"],
  "resource.aws_lb.example.access_logs.enabled": [undefined, true],
  "resource.aws_lb.example.depends_on.0": [undefined, "aws_s3_bucket_policy.alb_log"],
  "resource.aws_lb.example.drop_invalid_header_fields": [undefined, true],
  "resource.aws_lb.example.security_groups.1": [undefined, "${aws_security_group.https_sg.id}"],
  "resource.aws_lb_listener.http.default_action.0.fixed_response.content_type": ["text/plain", undefined],
  "resource.aws_lb_listener.http.default_action.0.fixed_response.message_body": ["This is HTTP", undefined],
  "resource.aws_lb_listener.http.default_action.0.fixed_response.status_code": ["200", undefined],
  "resource.aws_lb_listener.http.default_action.0.redirect.port": [undefined, "443"],
  "resource.aws_lb_listener.http.default_action.0.redirect.protocol": [undefined, "HTTPS"],
  "resource.aws_lb_listener.http.default_action.0.redirect.status_code": [undefined, "HTTP_301"],
  "resource.aws_lb_listener.http.default_action.0.type": ["fixed-response", "redirect"],
  "resource.aws_lb_listener_rule.example.listener_arn": ["${aws_lb_listener.http.arn}", "${aws_lb_listener.https.arn}"],
  "resource.aws_security_group.http_sg.description": [
    undefined,
    "HTTP from the internet to the load balancer, redirected to HTTPS",
  ],
  "resource.aws_security_group.nginx_sg.description": [undefined, "The containers: HTTP from the VPC, HTTPS out"],
  "resource.aws_security_group_rule.http_sg_egress.cidr_blocks.0": ["0.0.0.0/0", "10.1.0.0/16"],
  "resource.aws_security_group_rule.http_sg_egress.description": [undefined, "HTTP to the containers in the VPC"],
  "resource.aws_security_group_rule.http_sg_egress.from_port": [0, 80],
  "resource.aws_security_group_rule.http_sg_egress.protocol": ["-1", "tcp"],
  "resource.aws_security_group_rule.http_sg_egress.to_port": [0, 80],
  "resource.aws_security_group_rule.http_sg_ingress.description": [
    undefined,
    "HTTP from anywhere, answered with a redirect",
  ],
  "resource.aws_security_group_rule.nginx_sg_egress.description": [
    undefined,
    "HTTPS out: image pulls and AWS APIs via NAT",
  ],
  "resource.aws_security_group_rule.nginx_sg_egress.from_port": [0, 443],
  "resource.aws_security_group_rule.nginx_sg_egress.protocol": ["-1", "tcp"],
  "resource.aws_security_group_rule.nginx_sg_egress.to_port": [0, 443],
  "resource.aws_security_group_rule.nginx_sg_ingress.cidr_blocks.0": ["${aws_vpc.example.cidr_block}", undefined],
  "resource.aws_security_group_rule.nginx_sg_ingress.description": [
    undefined,
    "HTTP from the load balancer in the VPC",
  ],
  "resource.aws_security_group_rule.nginx_sg_ingress.source_security_group_id": [
    undefined,
    "${aws_security_group.http_sg.id}",
  ],
  "resource.aws_subnet.public_0.map_public_ip_on_launch": [true, false],
  "resource.aws_subnet.public_1.map_public_ip_on_launch": [true, false],
};

/** prod's scheduled task (the book's chapter 10) moves the book's ecs_events_role module in, after the nine moves every stack declares. */
const SCHEDULED_TASK_MOVES = {
  "moved.9.from": [undefined, "module.ecs_events_role.aws_iam_role.default"],
  "moved.9.to": [undefined, "aws_iam_role.ecs_events_role"],
  "moved.10.from": [undefined, "module.ecs_events_role.aws_iam_policy.default"],
  "moved.10.to": [undefined, "aws_iam_policy.ecs_events_role"],
  "moved.11.from": [undefined, "module.ecs_events_role.aws_iam_role_policy_attachment.default"],
  "moved.11.to": [undefined, "aws_iam_role_policy_attachment.ecs_events_role"],
};

/** The addresses prod's production settings add, its second target (admin), second service (worker) and scheduled task (batch), and nothing else. */
const PROD_ONLY_ADDRESSES = [
  "aws_acm_certificate.example",
  "aws_acm_certificate_validation.example",
  "aws_appautoscaling_policy.cpu",
  "aws_appautoscaling_policy.requests",
  "aws_appautoscaling_policy.worker_cpu",
  "aws_appautoscaling_target.example",
  "aws_appautoscaling_target.worker",
  "aws_cloudwatch_event_rule.example_batch",
  "aws_cloudwatch_event_target.example_batch",
  "aws_cloudwatch_log_group.flow_log",
  "aws_cloudwatch_log_group.for_ecs_scheduled_tasks",
  "aws_cloudwatch_log_group.waf",
  "aws_cloudwatch_log_group.worker",
  "aws_cloudwatch_log_resource_policy.waf",
  "aws_default_security_group.example",
  "aws_ecr_lifecycle_policy.example",
  "aws_ecr_repository.example",
  "aws_ecs_service.worker",
  "aws_ecs_task_definition.example_batch",
  "aws_ecs_task_definition.worker",
  "aws_flow_log.example",
  "aws_iam_policy.ecs_events_role",
  "aws_iam_policy.ecs_task_role",
  "aws_iam_policy.flow_log_role",
  "aws_iam_role.ecs_events_role",
  "aws_iam_role.ecs_task_role",
  "aws_iam_role.flow_log_role",
  "aws_iam_role_policy_attachment.ecs_events_role",
  "aws_iam_role_policy_attachment.ecs_task_role",
  "aws_iam_role_policy_attachment.flow_log_role",
  "aws_kms_alias.example",
  "aws_kms_key.example",
  "aws_lb_listener.https",
  "aws_lb_listener_rule.admin",
  "aws_lb_target_group.admin",
  "aws_route53_record.example",
  "aws_route53_record.example_certificate",
  "aws_s3_bucket.alb_log",
  "aws_s3_bucket_lifecycle_configuration.alb_log",
  "aws_s3_bucket_ownership_controls.alb_log",
  "aws_s3_bucket_policy.alb_log",
  "aws_s3_bucket_public_access_block.alb_log",
  "aws_s3_bucket_server_side_encryption_configuration.alb_log",
  "aws_s3_bucket_versioning.alb_log",
  "aws_security_group.https_sg",
  "aws_security_group.worker_sg",
  "aws_security_group_rule.http_sg_egress_8081",
  "aws_security_group_rule.https_sg_egress",
  "aws_security_group_rule.https_sg_egress_8081",
  "aws_security_group_rule.https_sg_ingress",
  "aws_security_group_rule.nginx_sg_ingress_8081",
  "aws_security_group_rule.worker_sg_egress",
  "aws_wafv2_web_acl.example",
  "aws_wafv2_web_acl_association.example",
  "aws_wafv2_web_acl_logging_configuration.example",
  "data.aws_caller_identity.alb_log",
  "data.aws_caller_identity.current",
  "data.aws_caller_identity.kms",
  "data.aws_caller_identity.waf",
  "data.aws_elb_service_account.alb_log",
  "data.aws_iam_policy.ecs_events_role_policy",
  "data.aws_iam_policy_document.alb_log",
  "data.aws_iam_policy_document.ecs_events_role_assume_role",
  "data.aws_iam_policy_document.ecs_task",
  "data.aws_iam_policy_document.ecs_task_role_assume_role",
  "data.aws_iam_policy_document.flow_log",
  "data.aws_iam_policy_document.flow_log_role_assume_role",
  "data.aws_iam_policy_document.kms",
  "data.aws_iam_policy_document.waf",
  "data.aws_partition.waf",
  "data.aws_region.waf",
  "data.aws_route53_zone.example",
];
