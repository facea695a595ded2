// Production: the note's stack under its own names (IAM names are unique in an account,
// the others in a region), in its own VPC range, with every production setting on: HTTPS,
// access logs, safe deployments, hardening, autoscaling, a task role of its own and a nightly
// scheduled task; and the shapes a real service grows into: a sidecar (container_definitions.prod.json),
// a second load-balanced target and a second service, a worker.
// Replace the domain, the hosted zone and the bucket names with your own.
import { EnvironmentSettings } from "../settings";

const vpcCidr = "10.1.0.0/16";

export const prod: EnvironmentSettings = {
  environment: "prod",
  stackName: "ecs-fargate-prod",
  region: "ap-northeast-1",
  project: "ecs-fargate",
  network: {
    name: "example-prod",
    availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"],
    cidrBlock: vpcCidr,
    publicSubnetCidrs: ["10.1.1.0/24", "10.1.2.0/24"],
    privateSubnetCidrs: ["10.1.65.0/24", "10.1.66.0/24"],
    mapPublicIpOnLaunch: false,
    restrictDefaultSecurityGroup: true,
    flowLogs: { logGroupName: "/vpc/example-prod/flow-logs", roleName: "vpc-flow-logs-prod", retentionInDays: 365 },
  },
  kms: { aliasName: "alias/example-prod", description: "Encrypts the log groups of ecs-fargate-prod" },
  loadBalancer: {
    name: "example-prod",
    securityGroupName: "http-sg-prod",
    deletionProtection: true,
    dropInvalidHeaderFields: true,
    https: {
      dns: { zoneName: "example.com", domainName: "app.example.com" },
      securityGroupName: "https-sg-prod",
      securityGroup: {
        description: "HTTPS from the internet to the load balancer",
        ingressDescription: "HTTPS from anywhere",
        // Every target's port: the load balancer reaches nothing else.
        egress: { ports: [80, 8081], cidrBlocks: [vpcCidr], description: "HTTP to the containers in the VPC" },
      },
    },
    httpSecurityGroup: {
      description: "HTTP from the internet to the load balancer, redirected to HTTPS",
      ingressDescription: "HTTP from anywhere, answered with a redirect",
      egress: { ports: [80, 8081], cidrBlocks: [vpcCidr], description: "HTTP to the containers in the VPC" },
    },
  },
  accessLogs: { bucketNamePrefix: "example-prod-alb-logs", expirationDays: 180 },
  waf: {
    name: "example-prod",
    logging: { logGroupName: "aws-waf-logs-example-prod", retentionInDays: 365 },
  },
  cluster: { name: "example-prod", containerInsights: true },
  logs: { name: "/ecs/example-prod", retentionInDays: 365 },
  // No statement beyond the managed policy's but the secrets' own (scoped to their ARNs): no `*`.
  taskExecutionRole: { name: "ecs-task-execution-prod", extraStatements: [] },
  // ECS Exec (aws ecs execute-command), with the task role's ssmmessages permissions it needs.
  taskRole: { name: "ecs-task-prod", enableExecuteCommand: true },
  // The secret's parameter exists apart from the stack (`npm run bootstrap:secrets -- ecs-fargate-prod`):
  // the stack only names it, so no value ever reaches state or a plan. The stack created it before:
  // `releasedParameters` forgets that resource without deleting the parameter.
  secrets: {
    existingParameters: ["/example-prod/app/secret"],
    releasedParameters: ["app_secret"],
    secrets: { APP_SECRET: { valueFrom: "/example-prod/app/secret" } },
  },
  taskDefinition: {
    family: "example-prod",
    cpu: 512,
    memoryMiB: 1024,
    containerDefinitionsFile: "container_definitions.prod.json",
    // Pinned: a deploy pipeline changes this one value (an ECR image tag or digest). From ECR
    // Public's mirror of Docker's official images, not Docker Hub: anonymous Docker Hub pulls
    // through the NAT gateways' addresses are limited (about 10 an hour), which a deploy at 200 %
    // with autoscaling exhausts; ECR Public serves pulls from inside AWS without that limit.
    image: "public.ecr.aws/docker/library/nginx:1.27.3",
  },
  service: {
    name: "example-prod",
    desiredCount: 2,
    platformVersion: "1.4.0",
    healthCheckGracePeriodSeconds: 60,
    deploymentCircuitBreaker: { rollback: true },
    deploymentMinimumHealthyPercent: 100,
    deploymentMaximumPercent: 200,
    targets: [
      { containerName: "example", containerPort: 80 },
      // The admin pages, on a port of their own: before the rule of every path (priority 100), or
      // it would never match.
      {
        name: "admin",
        containerName: "example",
        containerPort: 8081,
        pathPatterns: ["/admin/*"],
        priority: 10,
        healthCheck: { path: "/admin/" },
      },
    ],
    // nginx_sg lets the targets' ports in from the load balancer's security group only (the default).
    securityGroupName: "nginx-sg-prod",
    securityGroup: {
      // Kept as first written: AWS cannot change a group's description, and a new one replaces the
      // group, which stalls while the tasks use it. The rules are what changed (from the load
      // balancer's group, not the VPC's CIDR block).
      description: "The containers: HTTP from the VPC, HTTPS out",
      ingressDescription: "HTTP from the load balancer in the VPC",
      egress: { ports: [443], cidrBlocks: ["0.0.0.0/0"], description: "HTTPS out: image pulls and AWS APIs via NAT" },
    },
  },
  autoscaling: {
    minCapacity: 2,
    maxCapacity: 6,
    cpu: { policyName: "example-prod-cpu", targetValue: 60 },
    requests: { policyName: "example-prod-requests", targetValue: 1000 },
  },
  // A second service beside the web service: no load balancer, its own containers and task count,
  // scaled on CPU. Named after the web service and its key: example-prod-worker.
  services: {
    worker: {
      taskDefinition: { containerDefinitionsFile: "container_definitions.prod.worker.json", cpu: 256, memoryMiB: 512 },
      service: {
        desiredCount: 1,
        platformVersion: "1.4.0",
        deploymentCircuitBreaker: { rollback: true },
        securityGroup: {
          description: "The worker: nothing in, HTTPS out",
          egress: {
            ports: [443],
            cidrBlocks: ["0.0.0.0/0"],
            description: "HTTPS out: image pulls and AWS APIs via NAT",
          },
        },
      },
      autoscaling: { minCapacity: 1, maxCapacity: 4, cpu: { targetValue: 70 } },
    },
  },
  // Release images: a tag, once pushed, always names the same image.
  ecr: { name: "example-prod", imageTagMutability: "IMMUTABLE" },
  // The book's chapter 10: a nightly job at 03:00 UTC (12:00 in Tokyo; an EventBridge rule has no
  // time zone), from ECR Public like the service's image, in the containers' security group.
  scheduledTasks: {
    eventsRole: { name: "ecs-events-prod" },
    tasks: {
      batch: {
        schedule: "cron(0 3 * * ? *)",
        description: "The nightly batch job of ecs-fargate-prod",
        taskDefinition: {
          family: "example-prod-batch",
          cpu: 256,
          memoryMiB: 512,
          containerDefinitionsFile: "container_definitions.prod.batch.json",
        },
        logs: { name: "/ecs-scheduled-tasks/example-prod", retentionInDays: 365 },
      },
    },
  },
  state: {},
  checks: {
    acknowledgements: [
      {
        rule: "iam-wildcard-resource",
        address: "data.aws_iam_policy_document.ecs_task",
        reason: "ECS Exec's ssmmessages actions define no resource type: AWS documents * as their only resource",
      },
    ],
  },
};
