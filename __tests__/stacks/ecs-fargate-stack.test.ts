import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { TerraformResource, TerraformStack, Testing } from "cdktf";
import { EnvironmentSettings, RuntimeSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { addressOf } from "../../constructs/shared/addresses";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { EMULATED_SERVICES } from "../../stacks/provider";
import { STACK_ADDRESSES } from "../helpers/addresses";
import { fixtureFile, noteContainers } from "../helpers/container-definitions";
import { settingsWith } from "../helpers/settings";
import { addresses, dataSource, resource, synthJson, TerraformJson, validationErrors } from "../helpers/synth";

function build(settings: EnvironmentSettings = dev, runtime: RuntimeSettings = {}) {
  const stack = new EcsFargateStack(Testing.app(), settings, runtime);
  return { stack, json: synthJson(stack) };
}

const LOCAL = "http://127.0.0.1:5000";

/** The dev stack's resources whose types take no tags in AWS provider 5.x. */
const UNTAGGABLE = [
  "aws_iam_role_policy_attachment.ecs_task_execution_role",
  "aws_route.private_0",
  "aws_route.private_1",
  "aws_route.public",
  "aws_route_table_association.private_0",
  "aws_route_table_association.private_1",
  "aws_route_table_association.public_0",
  "aws_route_table_association.public_1",
  "aws_security_group_rule.http_sg_egress",
  "aws_security_group_rule.http_sg_ingress",
  "aws_security_group_rule.nginx_sg_egress",
  "aws_security_group_rule.nginx_sg_ingress",
];

describe("EcsFargateStack", () => {
  describe("the dev environment: the note's stack", () => {
    let json: TerraformJson;
    beforeAll(() => {
      const built = build();
      expect(validationErrors(built.stack)).toEqual([]);
      json = built.json;
    });

    it("is the stack ecs-fargate-dev", () => {
      expect(build().stack.node.id).toBe("ecs-fargate-dev");
    });

    it("has exactly the expected addresses, none with a hash suffix", () => {
      expect(addresses(json)).toEqual(STACK_ADDRESSES);
    });

    it("matches the snapshot (a tripwire: review changes like code)", () => {
      expect(json).toMatchSnapshot();
    });

    it("has the note's names", () => {
      expect(resource(json, "aws_ecs_cluster", "example").name).toBe("example");
      expect(resource(json, "aws_ecs_service", "example").name).toBe("example");
      expect(resource(json, "aws_ecs_task_definition", "example").family).toBe("example");
      expect(resource(json, "aws_lb", "example").name).toBe("example");
      expect(resource(json, "aws_lb_target_group", "example").name).toBe("example");
      expect(resource(json, "aws_cloudwatch_log_group", "for_ecs").name).toBe("/ecs/example");
      expect(resource(json, "aws_iam_role", "ecs_task_execution_role").name).toBe("ecs-task-execution");
      expect(resource(json, "aws_security_group", "nginx_sg").name).toBe("nginx-sg");
      expect(resource(json, "aws_security_group", "http_sg").name).toBe("http-sg");
    });

    it("wires the service to the cluster, the task definition, the private subnets and nginx_sg", () => {
      expect(resource(json, "aws_ecs_service", "example")).toMatchObject({
        cluster: "${aws_ecs_cluster.example.arn}",
        task_definition: "${aws_ecs_task_definition.example.arn}",
        desired_count: 2,
        network_configuration: {
          assign_public_ip: false,
          security_groups: ["${aws_security_group.nginx_sg.id}"],
          subnets: ["${aws_subnet.private_0.id}", "${aws_subnet.private_1.id}"],
        },
        load_balancer: [
          { target_group_arn: "${aws_lb_target_group.example.arn}", container_name: "example", container_port: 80 },
        ],
        depends_on: ["aws_lb_listener_rule.example"],
        lifecycle: { ignore_changes: ["task_definition"] },
      });
    });

    it("opens nginx_sg on port 80 to the VPC's CIDR only", () => {
      expect(resource(json, "aws_security_group", "nginx_sg")).toMatchObject({ vpc_id: "${aws_vpc.example.id}" });
      expect(resource(json, "aws_security_group_rule", "nginx_sg_ingress")).toMatchObject({
        from_port: 80,
        to_port: 80,
        protocol: "tcp",
        cidr_blocks: ["${aws_vpc.example.cidr_block}"],
      });
    });

    it("gives the task definition the execution role and the note's container definitions file, unchanged", () => {
      const taskDefinition = resource(json, "aws_ecs_task_definition", "example");
      expect(taskDefinition.execution_role_arn).toBe("${aws_iam_role.ecs_task_execution_role.arn}");
      expect(taskDefinition.container_definitions).toBe(JSON.stringify(noteContainers()));
      expect(taskDefinition.depends_on).toEqual(["aws_cloudwatch_log_group.for_ecs"]);
    });

    it("puts the load balancer in the public subnets, deletion protection on", () => {
      expect(resource(json, "aws_lb", "example")).toMatchObject({
        subnets: ["${aws_subnet.public_0.id}", "${aws_subnet.public_1.id}"],
        enable_deletion_protection: true,
      });
    });

    it("inherits the managed policy in the execution role's policy", () => {
      expect(dataSource(json, "aws_iam_policy_document", "ecs_task_execution").source_policy_documents).toEqual([
        "${data.aws_iam_policy.ecs_task_execution_role_policy.policy}",
      ]);
    });

    it("outputs the load balancer's DNS name, the cluster, the service, the log group, the role and the VPC", () => {
      expect(Object.fromEntries(Object.entries(json.output ?? {}).map(([k, v]) => [k, v.value]))).toEqual({
        alb_dns_name: "${aws_lb.example.dns_name}",
        ecs_cluster_name: "${aws_ecs_cluster.example.name}",
        ecs_service_name: "${aws_ecs_service.example.name}",
        log_group_name: "${aws_cloudwatch_log_group.for_ecs.name}",
        task_execution_role_arn: "${aws_iam_role.ecs_task_execution_role.arn}",
        vpc_id: "${aws_vpc.example.id}",
      });
    });

    it("configures a real-AWS provider in ap-northeast-1 with default tags, and nothing else", () => {
      expect(json.provider?.aws).toEqual([
        {
          region: "ap-northeast-1",
          default_tags: [{ tags: { Project: "ecs-fargate", Environment: "dev", ManagedBy: "cdktf:ecs-fargate-dev" } }],
        },
      ]);
    });

    it("pins the AWS provider the binding was generated for", () => {
      expect(json.terraform?.required_providers.aws).toEqual({ source: "aws", version: "5.100.0" });
    });

    it("keeps the state in terraform.ecs-fargate-dev.tfstate at the project root", () => {
      expect(json.terraform?.backend).toEqual({ local: { path: "../../../terraform.ecs-fargate-dev.tfstate" } });
    });
  });

  describe("default tags", () => {
    /** Every resource in the synthesized JSON with the construct that made it. */
    function resourcesOf(stack: TerraformStack, json: TerraformJson) {
      const byAddress = new Map(
        stack.node
          .findAll()
          .filter((c): c is TerraformResource => c instanceof TerraformResource)
          .map((r) => [addressOf(r), r]),
      );
      return Object.entries(json.resource).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, args]) => {
          const construct = byAddress.get(`${type}.${name}`);
          if (!construct) throw new Error(`no construct for ${type}.${name}`);
          // The generated provider classes have a `tagsInput` getter exactly when the resource type takes tags.
          return { address: `${type}.${name}`, args, taggable: "tagsInput" in construct };
        }),
      );
    }

    it.each([dev, prod])("reach every taggable resource of $environment, and none overrides them", (settings) => {
      const { stack, json } = build(settings);
      const tags = json.provider?.aws?.[0]?.default_tags?.[0]?.tags;
      expect(tags).toEqual({
        Project: "ecs-fargate",
        Environment: settings.environment,
        ManagedBy: `cdktf:${settings.stackName}`,
      });
      const resources = resourcesOf(stack, json);
      const taggable = resources.filter((r) => r.taggable);
      // The provider's only configuration carries them, so a resource can only escape by naming another provider.
      expect(json.provider?.aws).toHaveLength(1);
      expect(taggable.filter((r) => r.args.provider !== undefined).map((r) => r.address)).toEqual([]);
      for (const { address, args } of taggable) {
        for (const key of Object.keys(tags)) expect([address, args.tags?.[key]]).toEqual([address, undefined]);
      }
    });

    it("are told apart from untaggable resources by the provider's own classes", () => {
      const { stack, json } = build(dev);
      expect(
        resourcesOf(stack, json)
          .filter((r) => !r.taggable)
          .map((r) => r.address)
          .sort(),
      ).toEqual(UNTAGGABLE);
    });
  });

  describe("with an emulator endpoint", () => {
    it("points every service at it, with test credentials and the account checks skipped", () => {
      const { json: local } = build(dev, { endpoint: LOCAL });
      const endpoints = Object.fromEntries(EMULATED_SERVICES.map((s) => [s, LOCAL]));
      expect(local.provider?.aws).toEqual([
        {
          region: "ap-northeast-1",
          default_tags: [{ tags: { Project: "ecs-fargate", Environment: "dev", ManagedBy: "cdktf:ecs-fargate-dev" } }],
          access_key: "test",
          secret_key: "test",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: "true",
          skip_region_validation: true,
          s3_use_path_style: true,
          endpoints: [endpoints],
        },
      ]);
      expect(Object.keys(endpoints)).toEqual(
        expect.arrayContaining(["ec2", "ecs", "elbv2", "iam", "sts", "logs", "s3"]),
      );
    });

    it("turns deletion protection off and keeps its state apart from a real deploy's", () => {
      const { json: local } = build(dev, { endpoint: LOCAL });
      expect(resource(local, "aws_lb", "example")).toMatchObject({ enable_deletion_protection: false });
      expect(local.terraform?.backend).toEqual({
        local: { path: "../../../terraform.ecs-fargate-dev.emulator.tfstate" },
      });
    });
  });

  describe("remote state", () => {
    it("keeps the state in the environment's S3 bucket, one key per stack, with S3-native locking", () => {
      const { json: remote } = build(settingsWith({ state: { bucket: "tfstate-bucket" } }));
      expect(remote.terraform?.backend).toEqual({
        s3: {
          bucket: "tfstate-bucket",
          key: "ecs-fargate-dev/terraform.tfstate",
          region: "ap-northeast-1",
          encrypt: true,
          use_lockfile: true,
        },
      });
    });

    it("takes TF_STATE_BUCKET over the environment's bucket, and a key and region of its own", () => {
      const settings = settingsWith({ state: { bucket: "team-state", key: "web/dev.tfstate", region: "us-east-1" } });
      const { json: remote } = build(settings, { stateBucket: "override-state" });
      expect(remote.terraform?.backend).toEqual({
        s3: {
          bucket: "override-state",
          key: "web/dev.tfstate",
          region: "us-east-1",
          encrypt: true,
          use_lockfile: true,
        },
      });
    });

    it("locks with a DynamoDB table instead, for Terraform older than 1.10 (which rejects use_lockfile)", () => {
      const { json: remote } = build(settingsWith({ state: { bucket: "tfstate-bucket", dynamodbTable: "tf-locks" } }));
      expect(remote.terraform?.backend).toEqual({
        s3: {
          bucket: "tfstate-bucket",
          key: "ecs-fargate-dev/terraform.tfstate",
          region: "ap-northeast-1",
          encrypt: true,
          dynamodb_table: "tf-locks",
        },
      });
    });

    it("points the S3 backend at the emulator only in local mode", () => {
      const { json: local } = build(dev, { endpoint: LOCAL, stateBucket: "tfstate-local" });
      expect(local.terraform?.backend).toEqual({
        s3: {
          bucket: "tfstate-local",
          key: "ecs-fargate-dev/terraform.tfstate",
          region: "ap-northeast-1",
          encrypt: true,
          use_lockfile: true,
          endpoints: { s3: LOCAL },
          use_path_style: true,
          access_key: "test",
          secret_key: "test",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_region_validation: true,
          skip_metadata_api_check: true,
        },
      });
    });
  });

  describe("settings", () => {
    it("takes sizes, counts and retention from the environment", () => {
      const settings = settingsWith({
        taskDefinition: { cpu: 512, memoryMiB: 1024 },
        service: { desiredCount: 3 },
        logs: { retentionInDays: 30 },
      });
      const { json: custom, stack } = build(settings);
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(custom, "aws_ecs_task_definition", "example")).toMatchObject({ cpu: "512", memory: "1024" });
      expect(resource(custom, "aws_ecs_service", "example")).toMatchObject({ desired_count: 3 });
      expect(resource(custom, "aws_cloudwatch_log_group", "for_ecs")).toMatchObject({ retention_in_days: 30 });
    });

    it("fills the awslogs group and region in where the file leaves them out", () => {
      const settings = settingsWith({
        region: "us-east-1",
        network: { availabilityZones: ["us-east-1a", "us-east-1b"] },
        logs: { name: "/ecs/web" },
        taskDefinition: { containerDefinitionsFile: fixtureFile("nginx-logs-from-stack") },
      });
      const { json: custom, stack } = build(settings);
      expect(validationErrors(stack)).toEqual([]);
      const [container] = JSON.parse(resource(custom, "aws_ecs_task_definition", "example").container_definitions);
      expect(container.logConfiguration.options).toEqual({
        "awslogs-stream-prefix": "nginx",
        "awslogs-group": "/ecs/web",
        "awslogs-region": "us-east-1",
      });
    });
  });

  describe("paired settings, one under the other", () => {
    const HTTPS = {
      securityGroupName: "https-sg",
      dns: { zoneName: "example.com", domainName: "app.example.com" },
    };

    it("turns HTTPS on with its domain: the certificate, the HTTPS listener and the alias record", () => {
      const { json: https, stack } = build(settingsWith({ loadBalancer: { https: HTTPS } }));
      expect(validationErrors(stack)).toEqual([]);
      expect(addresses(https)).toEqual(
        expect.arrayContaining([
          "aws_acm_certificate.example",
          "aws_lb_listener.https",
          "aws_route53_record.example",
          "data.aws_route53_zone.example",
        ]),
      );
      expect(resource(https, "aws_acm_certificate", "example").domain_name).toBe("app.example.com");
      expect(resource(https, "aws_route53_record", "example").name).toBe("app.example.com");
      expect(resource(https, "aws_lb_listener_rule", "example").listener_arn).toBe("${aws_lb_listener.https.arn}");
    });

    it("without HTTPS, has no domain, certificate or HTTPS listener (the note's)", () => {
      const found = addresses(build().json).filter((a) => /acm|route53|listener\.https/.test(a));
      expect(found).toEqual([]);
    });

    it("turns ECS Exec on with the task role: the service runs it and the role may open its channels", () => {
      const settings = settingsWith({ taskRole: { name: "ecs-task", enableExecuteCommand: true } });
      const { json: exec, stack } = build(settings);
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(exec, "aws_ecs_service", "example").enable_execute_command).toBe(true);
      const actions = dataSource(exec, "aws_iam_policy_document", "ecs_task").statement.flatMap(
        (s: { actions: string[] }) => s.actions,
      );
      expect(actions).toEqual(expect.arrayContaining(["ssmmessages:CreateControlChannel"]));
    });

    it("keeps ECS Exec off with a task role that does not ask for it", () => {
      const { json: noExec, stack } = build(
        settingsWith({
          taskRole: {
            name: "ecs-task",
            statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::assets/*"] }],
          },
        }),
      );
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(noExec, "aws_ecs_service", "example").enable_execute_command).toBeUndefined();
      expect(JSON.stringify(dataSource(noExec, "aws_iam_policy_document", "ecs_task"))).not.toContain("ssmmessages");
    });
  });

  describe("validation across resources", () => {
    /** dev's settings with the tests' own file of one container (`example`, port 80, awslogs to /ecs/example). */
    const withFixture = (patch: Parameters<typeof settingsWith>[0]) =>
      settingsWith({ ...patch, taskDefinition: { containerDefinitionsFile: fixtureFile() } });
    const FIXTURE = "__tests__/fixtures/container-definitions/nginx.json";

    it("requires the file's awslogs region to be the provider's region", () => {
      const settings = withFixture({
        region: "us-east-1",
        network: { availabilityZones: ["us-east-1a", "us-east-1b"] },
      });
      expect(validationErrors(build(settings).stack)).toEqual([
        `${FIXTURE}[0].logConfiguration.options.awslogs-region: must be the provider's region ("us-east-1"), got: "ap-northeast-1"`,
      ]);
    });

    it("requires the file's awslogs group to be the stack's log group", () => {
      expect(validationErrors(build(withFixture({ logs: { name: "/ecs/web" } })).stack)).toEqual([
        `${FIXTURE}[0].logConfiguration.options.awslogs-group: must be the log group the stack creates ("/ecs/web"), got: "/ecs/example"`,
      ]);
    });

    it("requires the load-balanced container to be in the file", () => {
      const settings = withFixture({ service: { targets: [{ containerName: "web", containerPort: 80 }] } });
      expect(validationErrors(build(settings).stack)).toEqual([
        `ecs-fargate-dev/service: \`loadBalancers[0].containerName\` must name a container in ${FIXTURE} (example), got: "web"`,
      ]);
    });

    it("reports every problem of every construct together, each under the setting's group", () => {
      const settings = settingsWith({
        taskDefinition: { cpu: 256, memoryMiB: 4096 },
        service: { platformVersion: "1.3.0" },
        loadBalancer: { name: "a-name-far-too-long-for-a-target-group" },
        network: { privateSubnetCidrs: ["10.0.1.0/24", "10.0.66.0/24"] },
      });
      expect(validationErrors(build(settings).stack)).toEqual([
        'ecs-fargate-dev/network: `privateSubnetCidrs[0]` must not overlap publicSubnetCidrs[0] (10.0.1.0/24), got: "10.0.1.0/24"',
        'ecs-fargate-dev/loadBalancer: `name` must be 1 to 32 characters of letters, digits and hyphens, not starting or ending with a hyphen, got: "a-name-far-too-long-for-a-target-group"',
        "ecs-fargate-dev/taskDefinition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
        'ecs-fargate-dev/service: `platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"',
      ]);
    });

    it("fails on two elements under one Terraform address instead of merging them", () => {
      const { stack } = build();
      new EcsCluster(stack, "extra_cluster", { name: "other" }).overrideLogicalId("example");
      expect(validationErrors(stack)).toEqual([
        "ecs-fargate-dev: the Terraform address aws_ecs_cluster.example must name one element, got: 2 (ecs-fargate-dev/cluster/cluster, ecs-fargate-dev/extra_cluster)",
      ]);
    });
  });
});
