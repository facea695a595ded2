// Production: the note's stack under its own names (IAM names are unique in an account,
// the others in a region), in its own VPC range, with logs kept a year.
import { EnvironmentSettings } from "../settings";

export const prod: EnvironmentSettings = {
  environment: "prod",
  stackName: "ecs-fargate-prod",
  region: "ap-northeast-1",
  project: "ecs-fargate",
  network: {
    name: "example-prod",
    availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"],
    cidrBlock: "10.1.0.0/16",
    publicSubnetCidrs: ["10.1.1.0/24", "10.1.2.0/24"],
    privateSubnetCidrs: ["10.1.65.0/24", "10.1.66.0/24"],
  },
  loadBalancer: {
    name: "example-prod",
    securityGroupName: "http-sg-prod",
    deletionProtection: true,
  },
  cluster: { name: "example-prod" },
  logs: { name: "/ecs/example-prod", retentionInDays: 365 },
  taskExecutionRole: { name: "ecs-task-execution-prod" },
  taskDefinition: {
    family: "example-prod",
    cpu: 512,
    memoryMiB: 1024,
    containerDefinitionsFile: "container_definitions.prod.json",
  },
  service: {
    name: "example-prod",
    desiredCount: 2,
    platformVersion: "1.4.0",
    healthCheckGracePeriodSeconds: 60,
    loadBalancedContainer: { containerName: "example", containerPort: 80 },
    securityGroupName: "nginx-sg-prod",
  },
  state: {},
  checks: {},
};
