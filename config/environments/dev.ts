// The note's stack, value for value: the book's names, CIDRs, sizes and counts.
import { EnvironmentSettings } from "../settings";

export const dev: EnvironmentSettings = {
  environment: "dev",
  stackName: "ecs-fargate-dev",
  region: "ap-northeast-1",
  project: "ecs-fargate",
  network: {
    name: "example",
    availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"],
    cidrBlock: "10.0.0.0/16",
    publicSubnetCidrs: ["10.0.1.0/24", "10.0.2.0/24"],
    privateSubnetCidrs: ["10.0.65.0/24", "10.0.66.0/24"],
  },
  loadBalancer: {
    name: "example",
    securityGroupName: "http-sg",
    deletionProtection: true,
  },
  cluster: { name: "example" },
  logs: { name: "/ecs/example", retentionInDays: 180 },
  taskExecutionRole: { name: "ecs-task-execution" },
  taskDefinition: {
    family: "example",
    cpu: 256,
    memoryMiB: 512,
    containerDefinitionsFile: "container_definitions.json",
  },
  service: {
    name: "example",
    desiredCount: 2,
    platformVersion: "1.4.0",
    healthCheckGracePeriodSeconds: 60,
    // The note's one target: container example on port 80, every path, priority 100.
    targets: [{ containerName: "example", containerPort: 80 }],
    // The note's choice: nginx_sg lets port 80 in from the VPC's CIDR block, not only from the
    // load balancer's security group (every other environment's default).
    ingressFrom: "vpc",
    securityGroupName: "nginx-sg",
  },
  state: {},
  checks: {
    // The note's choices, kept on purpose in the environment that mirrors it.
    acknowledgements: [
      {
        rule: "iam-wildcard-resource",
        address: "data.aws_iam_policy_document.ecs_task_execution",
        reason: "the note's extra statement: ssm:GetParameters and kms:Decrypt on *",
      },
      {
        rule: "container-image-tag",
        address: "aws_ecs_task_definition.example",
        reason: "the note's container_definitions.json runs nginx:latest",
      },
      {
        rule: "ecs-service-circuit-breaker",
        address: "aws_ecs_service.example",
        reason: "the note's service has no deployment circuit breaker",
      },
    ],
  },
};
