// Integration: the prod stack, every production setting on (HTTPS with a DNS-validated
// certificate, access logs, WAF, KMS, flow logs, circuit breaker, Container Insights, narrow
// security groups, autoscaling, a task role with ECS Exec, a secret from SSM, the book's scheduled
// task) and the shapes of a grown service (a collector sidecar, a second load-balanced target, a
// worker service), deployed by the real Terraform CLI to the local endpoint; what AWS holds read
// back with the AWS SDK; a plan with no changes right after; then what an autoscaler, a release and
// an operator do out of band.
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { ACMClient, DescribeCertificateCommand } from "@aws-sdk/client-acm";
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeFlowLogsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  IpPermission,
} from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { GetKeyRotationStatusCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateHostedZoneCommand, ListResourceRecordSetsCommand, Route53Client } from "@aws-sdk/client-route-53";
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import * as path from "path";
import { GetWebACLForResourceCommand, WAFV2Client } from "@aws-sdk/client-wafv2";
import { prod } from "../../config/environments/prod";
import { bootstrapSecrets } from "../../secrets/bootstrap";
import { bootstrapStateBucket } from "../../state/bootstrap";
import { Emulator, startEmulator } from "../helpers/emulator";
import { planFileText } from "../helpers/plan-file";
import { planEdited, synthesizeApp, terraformOk } from "../helpers/terraform";

jest.setTimeout(300_000);

const STACK = prod.stackName;
const ACCOUNT = "123456789012";
/** The state lives in the emulator's S3, as a team's does: the secret test reads the object. */
const BUCKET = "prod-test-tfstate";
const ALB_LOG_BUCKET = `example-prod-alb-logs-${ACCOUNT}`;
/** prod's nightly job: its family, and its rule's name (the family's). */
const BATCH = "example-prod-batch";

interface StateResource {
  address: string;
  mode: string;
  values: Record<string, any>;
}

/** The statements of an IAM policy document, as a list. */
function statements(document: string | undefined): Record<string, any>[] {
  const parsed = JSON.parse(decodeURIComponent(document ?? "{}"));
  return [parsed.Statement ?? []].flat();
}

describe("the prod stack, every production setting on, against the local AWS endpoint (integration)", () => {
  let emulator: Emulator;
  let dir: string;
  let state: Map<string, Record<string, any>>;
  let zoneId: string;
  const clients: { destroy(): void }[] = [];
  const client = <T extends { destroy(): void }>(made: T): T => {
    clients.push(made);
    return made;
  };
  let ecs: ECSClient, ec2: EC2Client, elbv2: ElasticLoadBalancingV2Client, iam: IAMClient, s3: S3Client;
  let events: EventBridgeClient;

  let env: NodeJS.ProcessEnv;
  const tf = (args: string[], expected?: number[]) => terraformOk(dir, [...args, "-no-color"], env, expected);
  const values = (address: string): Record<string, any> => {
    const found = state.get(address);
    if (!found) throw new Error(`${address} is not in the state`);
    return found;
  };
  const policyOf = async (roleName: string) => {
    const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    const arn = AttachedPolicies?.[0]?.PolicyArn;
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    const { PolicyVersion } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }),
    );
    return statements(PolicyVersion?.Document);
  };

  beforeAll(async () => {
    // moto issues a DNS-validated certificate after this many seconds (60 by default).
    emulator = await startEmulator({ env: { MOTO_ACM_VALIDATION_WAIT: "1" } });
    ecs = client(new ECSClient(emulator.client));
    ec2 = client(new EC2Client(emulator.client));
    elbv2 = client(new ElasticLoadBalancingV2Client(emulator.client));
    iam = client(new IAMClient({ ...emulator.client, region: "us-east-1" }));
    s3 = client(new S3Client({ ...emulator.client, forcePathStyle: true }));
    events = client(new EventBridgeClient(emulator.client));
    // The stack looks the hosted zone up: it exists before, as a registered domain's zone does.
    const route53 = client(new Route53Client({ ...emulator.client, region: "us-east-1" }));
    const { HostedZone } = await route53.send(
      new CreateHostedZoneCommand({
        Name: prod.loadBalancer.https?.dns.zoneName,
        CallerReference: `prod-${Date.now()}`,
      }),
    );
    zoneId = (HostedZone?.Id ?? "").replace("/hostedzone/", "");
    const sts = client(new STSClient(emulator.client));
    await bootstrapStateBucket({ bucket: BUCKET, region: "ap-northeast-1", s3, sts });
    // The secret's parameter exists before the stack, as `npm run bootstrap:secrets` makes it.
    const created = await bootstrapSecrets(prod, ACCOUNT, client(new SSMClient(emulator.client)));
    expect(created.map((c) => [c.name, c.outcome])).toEqual([["/example-prod/app/secret", "created"]]);
    env = { ...emulator.env, TF_STATE_BUCKET: BUCKET };
    dir = synthesizeApp(env, STACK);
    tf(["init", "-input=false"]);
  });

  afterAll(async () => {
    for (const made of clients) made.destroy();
    await emulator?.stop();
  });

  it("1. applies from nothing", () => {
    tf(["plan", "-input=false", "-out=create.tfplan"]);
    const plan = JSON.parse(tf(["show", "-json", "create.tfplan"]).stdout);
    const managed = (plan.resource_changes ?? []).filter((c: any) => c.mode === "managed");
    expect(managed.filter((c: any) => c.change.actions.join() !== "create")).toEqual([]);
    tf(["apply", "-input=false", "-auto-approve", "create.tfplan"]);
    const shown = JSON.parse(tf(["show", "-json"]).stdout);
    const resources: StateResource[] = shown.values?.root_module?.resources ?? [];
    state = new Map(resources.filter((r) => r.mode === "managed").map((r) => [r.address, r.values]));
    expect([...state.keys()].sort()).toEqual(managed.map((c: any) => c.address).sort());
  });

  describe("2. what AWS now holds", () => {
    it("HTTPS on 443 with the validated certificate and a TLS 1.3 policy; port 80 redirects to it", async () => {
      const lbArn = values("aws_lb.example").arn;
      const { Listeners = [] } = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
      const https = Listeners.find((l) => l.Port === 443);
      expect(https).toMatchObject({
        Protocol: "HTTPS",
        SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        Certificates: [expect.objectContaining({ CertificateArn: values("aws_acm_certificate.example").arn })],
      });
      expect(Listeners.find((l) => l.Port === 80)?.DefaultActions).toEqual([
        expect.objectContaining({
          Type: "redirect",
          RedirectConfig: expect.objectContaining({ Port: "443", Protocol: "HTTPS", StatusCode: "HTTP_301" }),
        }),
      ]);
      const { Rules = [] } = await elbv2.send(new DescribeRulesCommand({ ListenerArn: https?.ListenerArn }));
      expect(Rules.find((r) => r.Priority === "100")?.Actions).toEqual([
        expect.objectContaining({ Type: "forward", TargetGroupArn: values("aws_lb_target_group.example").arn }),
      ]);
      const acm = client(new ACMClient(emulator.client));
      const { Certificate } = await acm.send(
        new DescribeCertificateCommand({ CertificateArn: values("aws_acm_certificate.example").arn }),
      );
      expect(Certificate).toMatchObject({ DomainName: "app.example.com", Status: "ISSUED" });
    });

    it("the second target: its target group on port 8081 with its health check, its rule for /admin/* before the rule of every path", async () => {
      const adminArn = values("aws_lb_target_group.admin").arn;
      const { TargetGroups = [] } = await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [adminArn] }));
      expect(TargetGroups).toEqual([
        expect.objectContaining({
          TargetGroupName: "example-prod-admin",
          Port: 8081,
          Protocol: "HTTP",
          TargetType: "ip",
          HealthCheckPath: "/admin/",
        }),
      ]);
      const { Listeners = [] } = await elbv2.send(
        new DescribeListenersCommand({ LoadBalancerArn: values("aws_lb.example").arn }),
      );
      const https = Listeners.find((l) => l.Port === 443);
      const { Rules = [] } = await elbv2.send(new DescribeRulesCommand({ ListenerArn: https?.ListenerArn }));
      const admin = Rules.find((r) => r.RuleArn === values("aws_lb_listener_rule.admin").arn);
      expect(admin).toMatchObject({
        Priority: "10",
        Actions: [expect.objectContaining({ Type: "forward", TargetGroupArn: adminArn })],
        Conditions: [expect.objectContaining({ Field: "path-pattern", PathPatternConfig: { Values: ["/admin/*"] } })],
      });
      // The web service registers its tasks in both target groups, each on its port.
      const { services } = await ecs.send(
        new DescribeServicesCommand({ cluster: "example-prod", services: ["example-prod"] }),
      );
      // (a set in Terraform and in ECS: in no particular order)
      const byPort = [...(services?.[0]?.loadBalancers ?? [])].sort(
        (a, b) => (a.containerPort ?? 0) - (b.containerPort ?? 0),
      );
      expect(byPort).toEqual([
        expect.objectContaining({
          targetGroupArn: values("aws_lb_target_group.example").arn,
          containerName: "example",
          containerPort: 80,
        }),
        expect.objectContaining({ targetGroupArn: adminArn, containerName: "example", containerPort: 8081 }),
      ]);
    });

    it("the domain: an alias A record to the load balancer, and the certificate's validation record", async () => {
      const route53 = client(new Route53Client({ ...emulator.client, region: "us-east-1" }));
      const { ResourceRecordSets = [] } = await route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }),
      );
      const alias = ResourceRecordSets.find((r) => r.Name === "app.example.com." && r.Type === "A");
      expect(alias?.AliasTarget?.DNSName?.replace(/\.$/, "").toLowerCase()).toBe(
        String(values("aws_lb.example").dns_name).toLowerCase(),
      );
      expect(ResourceRecordSets.filter((r) => r.Type === "CNAME")).toHaveLength(1);
    });

    it("the load balancer drops invalid headers and logs every request to the access-log bucket", async () => {
      const { Attributes = [] } = await elbv2.send(
        new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: values("aws_lb.example").arn }),
      );
      const attributes = Object.fromEntries(Attributes.map((a) => [a.Key, a.Value]));
      expect(attributes).toMatchObject({
        "routing.http.drop_invalid_header_fields.enabled": "true",
        "access_logs.s3.enabled": "true",
        // The bucket's name ends with the account's ID: no other account can hold it.
        "access_logs.s3.bucket": ALB_LOG_BUCKET,
      });
    });

    it("the access-log bucket: versioned, SSE-S3, private, TLS-only, expiring after 180 days, writable by ELB log delivery", async () => {
      const Bucket = ALB_LOG_BUCKET;
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe("Enabled");
      const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      expect(
        encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
      ).toBe("AES256");
      expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
      expect(Rules.map((r) => r.Expiration?.Days)).toContain(180);
      const policy = statements((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy);
      expect(policy).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
      expect(policy).toContainEqual(expect.objectContaining({ Effect: "Allow", Action: "s3:PutObject" }));
    });

    it("the WAF web ACL with the AWS managed rule groups guards the load balancer", async () => {
      const waf = client(new WAFV2Client(emulator.client));
      const { WebACL } = await waf.send(new GetWebACLForResourceCommand({ ResourceArn: values("aws_lb.example").arn }));
      expect(WebACL?.Name).toBe("example-prod");
      expect(WebACL?.Rules?.map((r) => r.Statement?.ManagedRuleGroupStatement?.Name)).toEqual(
        expect.arrayContaining(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]),
      );
    });

    it("the WAF log group's resource policy: log delivery may write to that group only, for this account only", async () => {
      const logs = client(new CloudWatchLogsClient(emulator.client));
      const { resourcePolicies = [] } = await logs.send(new DescribeResourcePoliciesCommand({}));
      expect(resourcePolicies.map((p) => p.policyName)).toEqual(["waf-logs-example-prod"]);
      const [delivery, ...others] = statements(resourcePolicies[0]?.policyDocument);
      expect(others).toEqual([]);
      expect([delivery?.Action].flat().sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect([delivery]).toEqual([
        expect.objectContaining({
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Resource: `${values("aws_cloudwatch_log_group.waf").arn}:log-stream:*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:logs:ap-northeast-1:${ACCOUNT}:*` },
          },
        }),
      ]);
    });

    it("the service: circuit breaker with rollback, 100-200 %, ECS Exec, Container Insights on its cluster", async () => {
      const { services } = await ecs.send(
        new DescribeServicesCommand({ cluster: "example-prod", services: ["example-prod"] }),
      );
      expect(services?.[0]).toMatchObject({
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          minimumHealthyPercent: 100,
          maximumPercent: 200,
        },
        enableExecuteCommand: true,
        platformVersion: "1.4.0",
      });
      const { clusters } = await ecs.send(
        new DescribeClustersCommand({ clusters: ["example-prod"], include: ["SETTINGS"] }),
      );
      expect(clusters?.[0]?.settings).toEqual([{ name: "containerInsights", value: "enabled" }]);
    });

    it("the task definition: the pinned image from ECR Public, the secret the stack only names, the task role", async () => {
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "example-prod" }));
      expect(taskDefinition?.taskRoleArn).toBe(values("aws_iam_role.ecs_task_role").arn);
      expect(taskDefinition?.containerDefinitions?.[0]).toMatchObject({
        image: "public.ecr.aws/docker/library/nginx:1.27.3",
        secrets: [{ name: "APP_SECRET", valueFrom: "/example-prod/app/secret" }],
      });
      // The stack manages no parameter: nothing in its state can hold a value.
      expect([...state.keys()].filter((a) => a.startsWith("aws_ssm_parameter."))).toEqual([]);
      // The parameter holds the placeholder until someone sets the real value out of band.
      const ssm = client(new SSMClient(emulator.client));
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: "/example-prod/app/secret", WithDecryption: true }),
      );
      expect(Parameter).toMatchObject({ Type: "SecureString", Value: "uninitialized" });
    });

    it("the sidecar: an OpenTelemetry collector beside the web container, not essential, logging under its own prefix", async () => {
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "example-prod" }));
      const containers = taskDefinition?.containerDefinitions ?? [];
      expect(containers.map((c) => c.name)).toEqual(["example", "otel-collector"]);
      expect(containers[0]).toMatchObject({
        dependsOn: [{ containerName: "otel-collector", condition: "START" }],
        portMappings: [
          expect.objectContaining({ containerPort: 80 }),
          expect.objectContaining({ containerPort: 8081 }),
        ],
      });
      expect(containers[1]).toMatchObject({
        image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3",
        essential: false,
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-group": "/ecs/example-prod",
            "awslogs-region": "ap-northeast-1",
            "awslogs-stream-prefix": "otel-collector",
          },
        },
      });
    });

    it("the worker: a service of its own in the cluster, no load balancer, its own family, group and log group", async () => {
      const { services } = await ecs.send(
        new DescribeServicesCommand({ cluster: "example-prod", services: ["example-prod-worker"] }),
      );
      const [worker] = services ?? [];
      expect(worker).toMatchObject({
        status: "ACTIVE",
        launchType: "FARGATE",
        platformVersion: "1.4.0",
        desiredCount: 1,
        taskDefinition: expect.stringContaining(":task-definition/example-prod-worker:"),
        deploymentConfiguration: expect.objectContaining({
          deploymentCircuitBreaker: { enable: true, rollback: true },
        }),
        networkConfiguration: {
          awsvpcConfiguration: expect.objectContaining({
            assignPublicIp: "DISABLED",
            securityGroups: [values("aws_security_group.worker_sg").id],
          }),
        },
      });
      expect(worker?.loadBalancers ?? []).toEqual([]);
      const { taskDefinition } = await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: "example-prod-worker" }),
      );
      expect(taskDefinition?.executionRoleArn).toBe(values("aws_iam_role.ecs_task_execution_role").arn);
      expect(taskDefinition?.containerDefinitions).toEqual([
        expect.objectContaining({
          name: "worker",
          image: "public.ecr.aws/docker/library/busybox:1.36.1",
          logConfiguration: expect.objectContaining({
            options: expect.objectContaining({ "awslogs-group": "/ecs/example-prod-worker" }),
          }),
        }),
      ]);
    });

    it("the execution role reads exactly the secret's parameter and its key: none of the statements it adds names *", async () => {
      const policy = await policyOf("ecs-task-execution-prod");
      const added = policy.filter((s) =>
        [s.Action].flat().some((a: string) => a.startsWith("ssm:") || a.startsWith("kms:")),
      );
      // The parameter is encrypted with AWS's key for SSM, which needs no grant: no kms:Decrypt at all.
      expect(added).toEqual([
        expect.objectContaining({
          Effect: "Allow",
          Action: "ssm:GetParameters",
          Resource: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:parameter/example-prod/app/secret`,
        }),
      ]);
      // Only the AWS managed policy's own statements (ECR's token, the logs) keep its *.
      const wildcard = policy.filter((s) => [s.Resource].flat().includes("*")).flatMap((s) => [s.Action].flat());
      expect(wildcard.every((a: string) => a.startsWith("ecr:") || a.startsWith("logs:"))).toBe(true);
    });

    it("the task role has exactly the four ssmmessages actions ECS Exec needs, and logs its sessions to the containers' group", async () => {
      const policy = await policyOf("ecs-task-prod");
      const bySid = Object.fromEntries(policy.map((s) => [s.Sid, s]));
      expect([bySid.EcsExec?.Action].flat().sort()).toEqual([
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ]);
      expect(bySid.EcsExecLogGroups).toMatchObject({
        Action: "logs:DescribeLogGroups",
        Resource: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:*`,
      });
      expect([bySid.EcsExecLogging?.Action].flat().sort()).toEqual([
        "logs:CreateLogStream",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
      ]);
      expect(bySid.EcsExecLogging?.Resource).toBe(`${values("aws_cloudwatch_log_group.for_ecs").arn}:log-stream:*`);
      expect(Object.keys(bySid).sort()).toEqual(["EcsExec", "EcsExecLogGroups", "EcsExecLogging"]);
    });

    it("autoscaling: 2 to 6 web tasks, tracking CPU and requests per target; 1 to 4 workers, tracking CPU", async () => {
      const aas = client(new ApplicationAutoScalingClient(emulator.client));
      const { ScalableTargets = [] } = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "ecs" }));
      // In no particular order: Terraform creates the two targets side by side.
      const byResource = [...ScalableTargets].sort((a, b) => (a.ResourceId ?? "").localeCompare(b.ResourceId ?? ""));
      expect(byResource).toEqual([
        expect.objectContaining({
          ResourceId: "service/example-prod/example-prod",
          ScalableDimension: "ecs:service:DesiredCount",
          MinCapacity: 2,
          MaxCapacity: 6,
        }),
        expect.objectContaining({
          ResourceId: "service/example-prod/example-prod-worker",
          ScalableDimension: "ecs:service:DesiredCount",
          MinCapacity: 1,
          MaxCapacity: 4,
        }),
      ]);
      const { ScalingPolicies = [] } = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: "ecs" }));
      const byName = Object.fromEntries(
        ScalingPolicies.map((p) => [p.PolicyName, p.TargetTrackingScalingPolicyConfiguration]),
      );
      expect(byName["example-prod-cpu"]).toMatchObject({
        TargetValue: 60,
        PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
      });
      expect(byName["example-prod-worker-cpu"]).toMatchObject({
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
      });
      expect(byName["example-prod-requests"]).toMatchObject({
        TargetValue: 1000,
        PredefinedMetricSpecification: {
          PredefinedMetricType: "ALBRequestCountPerTarget",
          ResourceLabel: `${values("aws_lb.example").arn_suffix}/${values("aws_lb_target_group.example").arn_suffix}`,
        },
      });
    });

    it("hardening: encrypted logs kept a year, flow logs, a rule-less default group, no public IPs, narrow egress", async () => {
      const kms = client(new KMSClient(emulator.client));
      const keyArn = values("aws_kms_key.example").arn;
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyArn }))).KeyRotationEnabled).toBe(true);
      const logs = client(new CloudWatchLogsClient(emulator.client));
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({}));
      const group = (name: string) => logGroups.find((g) => g.logGroupName === name);
      expect(group("/ecs/example-prod")).toMatchObject({ retentionInDays: 365, kmsKeyId: keyArn });
      expect(group("/vpc/example-prod/flow-logs")).toMatchObject({ retentionInDays: 365, kmsKeyId: keyArn });
      expect(group("/ecs/example-prod-worker")).toMatchObject({ retentionInDays: 365, kmsKeyId: keyArn });

      const vpcId = values("aws_vpc.example").id;
      const { FlowLogs = [] } = await ec2.send(
        new DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: [vpcId] }] }),
      );
      // (moto reports delivery as failed: it delivers nothing anyway. Terraform sees no difference.)
      expect(FlowLogs).toEqual([
        expect.objectContaining({
          LogDestinationType: "cloud-watch-logs",
          LogDestination: values("aws_cloudwatch_log_group.flow_log").arn.replace(/:\*$/, ""),
          DeliverLogsPermissionArn: values("aws_iam_role.flow_log_role").arn,
          TrafficType: "ALL",
        }),
      ]);
      const { SecurityGroups = [] } = await ec2.send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
      );
      const byName = Object.fromEntries(SecurityGroups.map((g) => [g.GroupName, g]));
      expect(byName.default).toMatchObject({ IpPermissions: [], IpPermissionsEgress: [] });
      expect(byName["nginx-sg-prod"]?.IpPermissionsEgress).toEqual([
        expect.objectContaining({ IpProtocol: "tcp", FromPort: 443, ToPort: 443 }),
      ]);
      // The containers let exactly the targets' ports in, from the load balancer's group only.
      const fromLoadBalancer = [expect.objectContaining({ GroupId: values("aws_security_group.http_sg").id })];
      expect(byName["nginx-sg-prod"]?.IpPermissions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ FromPort: 80, ToPort: 80, UserIdGroupPairs: fromLoadBalancer }),
          expect.objectContaining({ FromPort: 8081, ToPort: 8081, UserIdGroupPairs: fromLoadBalancer }),
        ]),
      );
      expect(byName["nginx-sg-prod"]?.IpPermissions).toHaveLength(2);
      expect(byName["nginx-sg-prod"]?.IpPermissions?.flatMap((p: IpPermission) => p.IpRanges ?? [])).toEqual([]);
      // The load balancer lets out exactly those ports, to the VPC.
      expect(byName["http-sg-prod"]?.IpPermissionsEgress?.map((p: IpPermission) => p.FromPort).sort()).toEqual([
        80, 8081,
      ]);
      // The worker lets nothing in.
      expect(byName["example-prod-worker"]).toMatchObject({
        IpPermissions: [],
        IpPermissionsEgress: [expect.objectContaining({ IpProtocol: "tcp", FromPort: 443, ToPort: 443 })],
      });
      const { Subnets = [] } = await ec2.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
      );
      expect(Subnets.map((s) => s.MapPublicIpOnLaunch)).toEqual([false, false, false, false]);
    });

    it("the nightly job: its rule's schedule, and a target that runs the family (no revision) on Fargate in the private subnets", async () => {
      const rule = await events.send(new DescribeRuleCommand({ Name: BATCH }));
      expect(rule).toMatchObject({
        Name: BATCH,
        ScheduleExpression: "cron(0 3 * * ? *)",
        State: "ENABLED",
        Description: "The nightly batch job of ecs-fargate-prod",
      });
      const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: BATCH }));
      expect(Targets).toEqual([
        expect.objectContaining({
          Id: BATCH,
          Arn: values("aws_ecs_cluster.example").arn,
          RoleArn: values("aws_iam_role.ecs_events_role").arn,
          EcsParameters: expect.objectContaining({
            TaskDefinitionArn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/${BATCH}`,
            LaunchType: "FARGATE",
            PlatformVersion: "1.4.0",
            TaskCount: 1,
            PropagateTags: "TASK_DEFINITION",
            NetworkConfiguration: {
              awsvpcConfiguration: {
                // (a set in Terraform: in no particular order)
                Subnets: expect.arrayContaining([values("aws_subnet.private_0").id, values("aws_subnet.private_1").id]),
                SecurityGroups: [values("aws_security_group.nginx_sg").id],
                AssignPublicIp: "DISABLED",
              },
            },
          }),
        }),
      ]);
      expect(Targets[0]?.EcsParameters?.NetworkConfiguration?.awsvpcConfiguration?.Subnets).toHaveLength(2);
    });

    it("the nightly job's task definition: its own containers, the execution role, logging to its own encrypted group", async () => {
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: BATCH }));
      expect(taskDefinition).toMatchObject({
        family: BATCH,
        revision: 1,
        cpu: "256",
        memory: "512",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        executionRoleArn: values("aws_iam_role.ecs_task_execution_role").arn,
      });
      expect(taskDefinition?.containerDefinitions).toEqual([
        expect.objectContaining({
          name: "batch",
          image: "public.ecr.aws/docker/library/alpine:3.21.3",
          command: ["/bin/date"],
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-stream-prefix": "batch",
              "awslogs-group": "/ecs-scheduled-tasks/example-prod",
              "awslogs-region": "ap-northeast-1",
            },
          },
        }),
      ]);
      const logs = client(new CloudWatchLogsClient(emulator.client));
      const { logGroups = [] } = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: "/ecs-scheduled-tasks/" }),
      );
      expect(logGroups).toEqual([
        expect.objectContaining({
          logGroupName: "/ecs-scheduled-tasks/example-prod",
          retentionInDays: 365,
          kmsKeyId: values("aws_kms_key.example").arn,
        }),
      ]);
    });

    it("the events role: only EventBridge may assume it; the book's managed policy runs tasks and passes roles to ECS tasks only", async () => {
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: "ecs-events-prod" }));
      expect(statements(Role?.AssumeRolePolicyDocument)).toEqual([
        expect.objectContaining({
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Service: "events.amazonaws.com" },
        }),
      ]);
      const policy = await policyOf("ecs-events-prod");
      const allowing = (action: string) => policy.filter((s) => [s.Action].flat().includes(action));
      expect(allowing("ecs:RunTask")).toEqual([expect.objectContaining({ Effect: "Allow" })]);
      expect(allowing("iam:PassRole")).toEqual([
        expect.objectContaining({
          Effect: "Allow",
          Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        }),
      ]);
    });
  });

  it("3. plans no changes right after apply", () => {
    expect(tf(["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
  });

  describe("4. what happens out of band", () => {
    it("the autoscaler sets the desired count: no changes, because the service ignores desired_count", async () => {
      await ecs.send(new UpdateServiceCommand({ cluster: "example-prod", service: "example-prod", desiredCount: 4 }));
      expect(tf(["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
    });

    it("control: without desired_count in ignore_changes, the plan would reset what the scaler chose", () => {
      const { status, dir: control } = planEdited(
        dir,
        "control",
        (json) => {
          expect(json.resource.aws_ecs_service.example.lifecycle.ignore_changes).toEqual([
            "task_definition",
            "desired_count",
          ]);
          json.resource.aws_ecs_service.example.lifecycle.ignore_changes = ["task_definition"];
        },
        emulator.env,
      );
      expect(status).toBe(2);
      const changes = JSON.parse(
        terraformOk(control, ["show", "-json", "edited.tfplan"], emulator.env).stdout,
      ).resource_changes.filter((c: any) => c.change.actions.join() !== "no-op");
      expect(changes).toEqual([
        expect.objectContaining({
          address: "aws_ecs_service.example",
          change: expect.objectContaining({
            actions: ["update"],
            before: expect.objectContaining({ desired_count: 4 }),
            after: expect.objectContaining({ desired_count: 2 }),
          }),
        }),
      ]);
    });

    it("a release registers a revision of the nightly job's family: the next run takes it, and the plan stays clean", async () => {
      const { taskDefinition: terraforms } = await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: BATCH }),
      );
      const { taskDefinition: released } = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: BATCH,
          cpu: terraforms?.cpu,
          memory: terraforms?.memory,
          networkMode: terraforms?.networkMode,
          requiresCompatibilities: terraforms?.requiresCompatibilities,
          executionRoleArn: terraforms?.executionRoleArn,
          containerDefinitions: terraforms?.containerDefinitions?.map((c) => ({
            ...c,
            image: "public.ecr.aws/docker/library/alpine:3.22.0",
          })),
        }),
      );
      expect(released?.revision).toBe(2);
      // The target names the family: RunTask takes an ARN without a revision as its newest ACTIVE one.
      const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: BATCH }));
      const runs = Targets[0]?.EcsParameters?.TaskDefinitionArn;
      expect(runs).toBe(`arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/${BATCH}`);
      const { taskDefinition: next } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: runs }));
      expect(next?.containerDefinitions?.[0]?.image).toBe("public.ecr.aws/docker/library/alpine:3.22.0");
      // Terraform's own revision is still there, and nothing it manages names the new one.
      expect(tf(["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
    });

    it("an operator sets the secret's real value, as the README says: it is in no saved plan, plan JSON or state object", async () => {
      const real = `the-real-value-${Date.now()}`;
      const ssm = client(new SSMClient(emulator.client));
      await ssm.send(
        new PutParameterCommand({
          Name: "/example-prod/app/secret",
          Type: "SecureString",
          Value: real,
          Overwrite: true,
        }),
      );
      const plan = tf(["plan", "-input=false", "-detailed-exitcode", "-out=secret.tfplan"], [0, 2]);
      expect(plan.status).toBe(0);
      expect(plan.stdout).not.toContain(real);
      expect(tf(["show", "-json", "secret.tfplan"]).stdout).not.toContain(real);
      expect(planFileText(path.join(dir, "secret.tfplan"))).not.toContain(real);
      tf(["apply", "-input=false", "-auto-approve", "-refresh-only"]);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${STACK}/terraform.tfstate` }));
      const stateText = (await object.Body?.transformToString()) ?? "";
      expect(stateText).toContain("aws_ecs_task_definition");
      expect(stateText).not.toContain(real);
    });
  });
});
