import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ENVIRONMENTS } from "../../config";
import { readReleaseTarget } from "../../release/stack";
import { ReleaseError } from "../../release/errors";
import { addEnvironmentStacks } from "../../stacks/app";

describe("the release target, read from the synthesized app", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "release-stack-"));
  const app = new App({ outdir: out });
  addEnvironmentStacks(app, ENVIRONMENTS, {});
  app.synth();

  it("names the dev stack's cluster, service, family and load-balanced container; no ECR, no autoscaling", () => {
    expect(readReleaseTarget("ecs-fargate-dev", out)).toEqual({
      stack: "ecs-fargate-dev",
      region: "ap-northeast-1",
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

  it("refuses a service the stack does not have", () => {
    expect(() => readReleaseTarget("dev", out, "aws_ecs_service.web")).toThrow(
      new ReleaseError("ecs-fargate-dev has no ECS service aws_ecs_service.web"),
    );
  });
});
