import { Testing } from "cdktf";
import { EcsFargateStack, EcsFargateStackProps, EMULATED_SERVICES } from "../../stacks/ecs-fargate-stack";
import { definitionsFile, noteContainers } from "../helpers/container-definitions";
import { STACK_ADDRESSES } from "../helpers/addresses";
import { addresses, dataSource, resource, synthJson, TerraformJson, validationErrors } from "../helpers/synth";

function build(props: EcsFargateStackProps = {}) {
  const stack = new EcsFargateStack(Testing.app(), "ecs-fargate", props);
  return { stack, json: synthJson(stack) };
}

describe("EcsFargateStack", () => {
  let json: TerraformJson;
  beforeAll(() => {
    const built = build();
    expect(validationErrors(built.stack)).toEqual([]);
    json = built.json;
  });

  describe("the note's stack", () => {
    it("has exactly the expected addresses, none with a hash suffix", () => {
      expect(addresses(json)).toEqual(STACK_ADDRESSES);
    });

    it("matches the snapshot (a tripwire: review changes like code)", () => {
      expect(json).toMatchSnapshot();
    });

    it("wires the service to the cluster, the task definition, the private subnets and nginx_sg", () => {
      expect(resource(json, "aws_ecs_service", "example")).toMatchObject({
        cluster: "${aws_ecs_cluster.example.arn}",
        task_definition: "${aws_ecs_task_definition.example.arn}",
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
      expect(resource(json, "aws_security_group", "nginx_sg")).toMatchObject({
        name: "nginx-sg",
        vpc_id: "${aws_vpc.example.id}",
      });
      expect(resource(json, "aws_security_group_rule", "nginx_sg_ingress")).toMatchObject({
        from_port: 80,
        to_port: 80,
        protocol: "tcp",
        cidr_blocks: ["${aws_vpc.example.cidr_block}"],
      });
    });

    it("gives the task definition the execution role and the note's container definitions file", () => {
      const taskDefinition = resource(json, "aws_ecs_task_definition", "example");
      expect(taskDefinition.execution_role_arn).toBe("${aws_iam_role.ecs_task_execution_role.arn}");
      expect(JSON.parse(taskDefinition.container_definitions)).toEqual(noteContainers());
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

    it("outputs the load balancer's DNS name, the cluster, the service and the log group", () => {
      expect(json.output).toMatchObject({
        alb_dns_name: { value: "${aws_lb.example.dns_name}" },
        ecs_cluster_name: { value: "${aws_ecs_cluster.example.name}" },
        ecs_service_name: { value: "${aws_ecs_service.example.name}" },
        log_group_name: { value: "/ecs/example" },
      });
    });

    it("configures a real-AWS provider in ap-northeast-1: no test credentials, skip flags or endpoints", () => {
      expect(json.provider?.aws).toEqual([{ region: "ap-northeast-1" }]);
    });

    it("pins the AWS provider the binding was generated for", () => {
      expect(json.terraform?.required_providers.aws).toEqual({ source: "aws", version: "5.100.0" });
    });

    it("keeps the state in terraform.ecs-fargate.tfstate at the project root", () => {
      expect(json.terraform?.backend).toEqual({ local: { path: "../../../terraform.ecs-fargate.tfstate" } });
    });
  });

  describe("with an emulator endpoint", () => {
    it("points every service at it, with test credentials and the account checks skipped", () => {
      const { json: local } = build({ endpoint: "http://127.0.0.1:5000" });
      const endpoints = Object.fromEntries(EMULATED_SERVICES.map((s) => [s, "http://127.0.0.1:5000"]));
      expect(local.provider?.aws).toEqual([
        {
          region: "ap-northeast-1",
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
      expect(Object.keys(endpoints)).toEqual(expect.arrayContaining(["ec2", "ecs", "elbv2", "iam", "sts", "logs"]));
    });

    it("turns deletion protection off and keeps its state apart from a real deploy's", () => {
      const { json: local } = build({ endpoint: "http://127.0.0.1:5000" });
      expect(resource(local, "aws_lb", "example")).toMatchObject({ enable_deletion_protection: false });
      expect(local.terraform?.backend).toEqual({ local: { path: "../../../terraform.ecs-fargate.emulator.tfstate" } });
    });
  });

  describe("with remote state", () => {
    it("keeps the state in S3 with S3-native locking", () => {
      const { json: remote } = build({ remoteState: { bucket: "tfstate-bucket" } });
      expect(remote.terraform?.backend).toEqual({
        s3: {
          bucket: "tfstate-bucket",
          key: "ecs-fargate/terraform.tfstate",
          region: "ap-northeast-1",
          encrypt: true,
          use_lockfile: true,
        },
      });
    });
  });

  describe("overrides", () => {
    it("takes the note's settings as typed props", () => {
      const { json: custom, stack } = build({ cpu: 512, memoryMiB: 1024, desiredCount: 3, logRetentionInDays: 30 });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(custom, "aws_ecs_task_definition", "example")).toMatchObject({ cpu: "512", memory: "1024" });
      expect(resource(custom, "aws_ecs_service", "example")).toMatchObject({ desired_count: 3 });
      expect(resource(custom, "aws_cloudwatch_log_group", "for_ecs")).toMatchObject({ retention_in_days: 30 });
    });

    it("defaults the zones to the region's a and b outside ap-northeast-1", () => {
      const containers = noteContainers();
      containers[0].logConfiguration.options["awslogs-region"] = "us-east-1";
      const { json: custom, stack } = build({
        region: "us-east-1",
        containerDefinitionsFile: definitionsFile(containers).file,
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(custom, "aws_subnet", "private_1")).toMatchObject({ availability_zone: "us-east-1b" });
    });
  });

  describe("validation across resources", () => {
    it("requires the file's awslogs region to be the provider's region", () => {
      const { stack } = build({ region: "us-east-1" });
      expect(validationErrors(stack)).toEqual([
        'container_definitions.json[0].logConfiguration.options.awslogs-region: must be the provider\'s region ("us-east-1"), got: "ap-northeast-1"',
      ]);
    });

    it("requires the file's awslogs group to be the stack's log group", () => {
      const { stack } = build({ logGroupName: "/ecs/web" });
      expect(validationErrors(stack)).toEqual([
        'container_definitions.json[0].logConfiguration.options.awslogs-group: must be the log group the stack creates ("/ecs/web"), got: "/ecs/example"',
      ]);
    });

    it("requires the load-balanced container to be in the file", () => {
      const { stack } = build({ loadBalancedContainer: { name: "web", port: 80 } });
      expect(validationErrors(stack)).toEqual([
        'ecs-fargate/service: `loadBalancer.containerName` must name a container in container_definitions.json (example), got: "web"',
      ]);
    });

    it("reports every problem of every construct together", () => {
      const { stack } = build({
        cpu: 256,
        memoryMiB: 4096,
        platformVersion: "1.3.0",
        name: "a-name-far-too-long-for-a-target-group",
      });
      expect(validationErrors(stack)).toEqual([
        'ecs-fargate/load_balancer: `name` must be 1 to 32 characters of letters, digits and hyphens, not starting or ending with a hyphen, got: "a-name-far-too-long-for-a-target-group"',
        "ecs-fargate/task_definition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
        'ecs-fargate/service: `platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"',
      ]);
    });
  });
});
