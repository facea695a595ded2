import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ENVIRONMENTS } from "../../config";
import { readReleaseTarget, serviceOption } from "../../release/stack";
import { ReleaseError } from "../../release/errors";
import { addEnvironmentStacks } from "../../stacks/app";
import { settingsWith } from "../helpers/settings";

describe("the release target, read from the synthesized app", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "release-stack-"));
  const app = new App({ outdir: out });
  addEnvironmentStacks(app, ENVIRONMENTS, {});
  app.synth();

  it("names the dev stack's cluster, service, family and load-balanced container; no ECR, no autoscaling", () => {
    expect(readReleaseTarget("ecs-fargate-dev", out)).toEqual({
      stack: "ecs-fargate-dev",
      region: "ap-northeast-1",
      serviceKey: "example",
      serviceAddress: "aws_ecs_service.example",
      cluster: "example",
      service: "example",
      family: "example",
      container: "example",
      autoscaled: false,
      rollbackOnFailure: false,
      ecrRepository: undefined,
    });
  });

  it("names prod's, with its ECR repository, autoscaling and the circuit breaker's rollback", () => {
    expect(readReleaseTarget("prod", out)).toMatchObject({
      stack: "ecs-fargate-prod",
      cluster: "example-prod",
      service: "example-prod",
      family: "example-prod",
      autoscaled: true,
      rollbackOnFailure: true,
      ecrRepository: "example-prod",
    });
  });

  it("names the note's service by its key too", () => {
    expect(readReleaseTarget("prod", out, "example")).toEqual(readReleaseTarget("prod", out));
  });

  it("names prod's worker by its key: its own family, no load balancer, its first essential container", () => {
    expect(readReleaseTarget("prod", out, "worker")).toEqual({
      stack: "ecs-fargate-prod",
      region: "ap-northeast-1",
      serviceKey: "worker",
      serviceAddress: "aws_ecs_service.worker",
      cluster: "example-prod",
      service: "example-prod-worker",
      family: "example-prod-worker",
      container: "worker",
      autoscaled: true,
      rollbackOnFailure: true,
      ecrRepository: "example-prod",
    });
  });

  it("skips a container that is not essential for a service without a load balancer", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "release-stack-"));
    const containers = [
      { name: "log-router", image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", essential: false },
      { name: "job", image: "public.ecr.aws/docker/library/busybox:1.36.1" },
    ];
    const file = path.join(outdir, "jobs.json");
    fs.writeFileSync(file, JSON.stringify(containers));
    const withJobs = new App({ outdir });
    addEnvironmentStacks(
      withJobs,
      [settingsWith({ services: { jobs: { taskDefinition: { containerDefinitionsFile: file }, service: {} } } })],
      {},
    );
    withJobs.synth();
    expect(readReleaseTarget("dev", outdir, "jobs")).toMatchObject({ service: "example-jobs", container: "job" });
  });

  it("refuses a service the stack does not have, naming the keys it has", () => {
    expect(() => readReleaseTarget("dev", out, "web")).toThrow(
      new ReleaseError('ecs-fargate-dev has no service "web" (aws_ecs_service.web): --service takes example'),
    );
    expect(() => readReleaseTarget("prod", out, "web")).toThrow(
      new ReleaseError('ecs-fargate-prod has no service "web" (aws_ecs_service.web): --service takes example, worker'),
    );
  });

  it("writes the option back into the commands it suggests only for a service other than the note's", () => {
    expect(serviceOption({ serviceKey: "example" })).toBe("");
    expect(serviceOption({ serviceKey: "worker" })).toBe(" --service worker");
  });
});
