// Integration: shipping new versions of the dev stack's application with npm run rollout, rollback
// and releases, against the local endpoint (the launcher models ECS deployments; see
// emulator.integration). One deploy serves every test: they run in order, each naming what it
// leaves for the next. Later tests apply edits of the stack the way a pull request would (an
// environment variable; then an ECR repository and the circuit breaker) to the same state.
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeRepositoriesCommand, ECRClient, PutImageCommand } from "@aws-sdk/client-ecr";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
} from "@aws-sdk/client-ecs";
import { EcrImageRepository } from "../../constructs/ecr";
import { Emulator, startEmulator } from "../helpers/emulator";
import { reviewSavedPlan } from "../helpers/review";
import { synthJson, testStack } from "../helpers/synth";
import { DEV_STACK, npmScript, planEdited, ROOT, Run, synthesizeApp, terraformOk } from "../helpers/terraform";

jest.setTimeout(300_000);

const BUCKET = "release-tfstate";
/** An image the emulator fails every deployment of (MOTO_ECS_FAILING_IMAGES, tests only). */
const BROKEN = "example.invalid/broken:1";
const REGISTRY = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com";
const ECR_BROKEN = `${REGISTRY}/example:broken`;

/** What a failed rollout reported, without its progress lines. */
const reportLines = (run: Run) => run.stderr.split("\n").filter((l) => l !== "" && !/^ *\d+ s {2}/.test(l));

/** The single line a refused command printed, and its exit code. */
const refusal = (run: Run) => ({ status: run.status, stderr: run.stderr });

describe("shipping the application: rollout, rollback, releases (integration)", () => {
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let ecs: ECSClient;
  let ecr: ECRClient;
  /** The synthesized app the commands read (CDKTF_OUTDIR): the deployed stack, then its edited copies. */
  let out: string;

  const command = (name: string, args: string[]) => npmScript([name, "--", ...args], { ...env, CDKTF_OUTDIR: out });
  const tf = (folder: string, args: string[], expected?: number[]) =>
    terraformOk(folder, [...args, "-no-color"], env, expected);
  const revisions = async () => {
    const all: string[] = [];
    for (const status of ["ACTIVE", "INACTIVE"] as const) {
      const { taskDefinitionArns } = await ecs.send(
        new ListTaskDefinitionsCommand({ familyPrefix: "example", status }),
      );
      all.push(...(taskDefinitionArns ?? []).map((arn) => `${arn.split("/").pop()} ${status}`));
    }
    return all.sort();
  };
  const service = async () =>
    (await ecs.send(new DescribeServicesCommand({ cluster: "example", services: ["example"] }))).services?.[0];
  const running = async () => (await service())?.taskDefinition?.split("/").pop();
  const container = async (revision: string) =>
    (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision }))).taskDefinition
      ?.containerDefinitions?.[0];

  /** An edit of the stack applied to the same state; the commands then read the edited copy. */
  const applyEdit = (base: string, name: string, edit: (json: any) => void) => {
    const planned = planEdited(base, name, edit, env);
    const { summary } = reviewSavedPlan(planned.dir, "edited.tfplan", planned.stdout, env);
    tf(planned.dir, ["apply", "-input=false", "-auto-approve", "edited.tfplan"]);
    const edited = path.dirname(path.dirname(planned.dir));
    fs.copyFileSync(path.join(out, "manifest.json"), path.join(edited, "manifest.json"));
    out = edited;
    return { dir: planned.dir, summary };
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      env: { MOTO_ECS_DEPLOYMENT_SECONDS: "1", MOTO_ECS_FAILING_IMAGES: `${BROKEN},${ECR_BROKEN}` },
    });
    env = { ...emulator.env, TF_STATE_BUCKET: BUCKET };
    const s3 = new S3Client({ ...emulator.client, forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" } }),
    );
    s3.destroy();
    ecs = new ECSClient(emulator.client);
    ecr = new ECRClient(emulator.client);
    dir = synthesizeApp(env);
    out = path.dirname(path.dirname(dir));
    tf(dir, ["init", "-input=false"]);
    tf(dir, ["apply", "-input=false", "-auto-approve"]);
  });

  afterAll(async () => {
    ecs?.destroy();
    ecr?.destroy();
    await emulator?.stop();
  });

  describe("1. bad input: one line naming the input, nothing registered, the service untouched", () => {
    it.each<[string, string[], number, string]>([
      [
        "an empty image",
        [DEV_STACK, "--image", ""],
        2,
        '--image must be an image reference: a repository with a tag or an @sha256: digest, got: ""',
      ],
      [
        "a tag left out after the colon",
        [DEV_STACK, "--image", "nginx:"],
        2,
        '--image must not end with `:`: name a tag after it (or use @sha256:<digest>), got: "nginx:"',
      ],
      [
        "a digest that is not sha256: and 64 hex characters",
        [DEV_STACK, "--image", "nginx@sha256:12ab"],
        2,
        '--image must end its digest with sha256: and 64 lowercase hex characters, got: "nginx@sha256:12ab"',
      ],
      ["an unknown stack", ["staging"], 1, 'no stack "staging": the app has ecs-fargate-dev, ecs-fargate-prod'],
      [
        "a stack that is not deployed",
        ["ecs-fargate-prod", "--image", "nginx:1.27.3"],
        1,
        "ecs-fargate-prod is not deployed: no ECS service example-prod in cluster example-prod (region " +
          "ap-northeast-1); deploy it first (npm run deploy:local, or npm run plan -- ecs-fargate-prod and " +
          "npm run apply -- ecs-fargate-prod)",
      ],
      [
        "a container that is not in the task",
        [DEV_STACK, "--image", "nginx:1.27.3", "--container", "web"],
        1,
        '--container "web" is not a container of example:1: it has example',
      ],
    ])("%s", async (_, args, status, line) => {
      const before = await revisions();
      expect(refusal(command("rollout", args))).toEqual({ status, stderr: `rollout: ${line}\n` });
      expect(await revisions()).toEqual(before);
      expect(await running()).toBe("example:1");
    });
  });

  describe("2. a new image", () => {
    let run: Run;
    beforeAll(() => {
      run = command("rollout", [DEV_STACK, "--image", "nginx:1.27.3"]);
    });

    it("registers Terraform's revision with the new image and waits for the deployment, showing its progress", () => {
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(
        "ecs-fargate-dev: registered example:2: example:1 (Terraform's latest) with example running nginx:1.27.3\n" +
          "ecs-fargate-dev: deploying example:2 to service example in cluster example, from example:1\n" +
          "ecs-fargate-dev: example runs example:2 (nginx:1.27.3): deployment completed\n",
      );
      expect(run.stderr).toMatch(/^ +\d+ s {2}example:2 {2}IN_PROGRESS {2}running 0\/2, pending 2 {2}/m);
      expect(run.stderr).toMatch(
        /example:2 {2}COMPLETED {2}running 2\/2, pending 0 {2}\(service example\) has reached a steady state\.$/m,
      );
    });

    it("leaves the service on it, with Terraform's revision still registered", async () => {
      expect(await running()).toBe("example:2");
      expect((await container("example:2"))?.image).toBe("nginx:1.27.3");
      expect(await revisions()).toEqual(["example:1 ACTIVE", "example:2 ACTIVE"]);
    });

    it("leaves Terraform's plan clean (exit 0 with -detailed-exitcode)", () => {
      expect(tf(dir, ["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
    });

    it("npm run plan's summary names the revision and the image the service runs", () => {
      const planOut = fs.mkdtempSync(path.join(os.tmpdir(), "release-plan-"));
      try {
        const plan = npmScript(["plan", "--", DEV_STACK], { ...env, PLAN_REVIEW_OUT: planOut });
        expect(plan.status).toBe(0);
        const summary = fs.readFileSync(path.join(planOut, "stacks", DEV_STACK, "plan.md"), "utf8");
        expect(summary).toContain("**No changes.** The infrastructure matches the configuration.");
        expect(summary).toContain(
          "Running now, deployed by a release: `aws_ecs_service.example` runs `example:2` (`nginx:1.27.3`).",
        );
      } finally {
        fs.rmSync(planOut, { recursive: true, force: true });
      }
    });
  });

  describe("3. a Terraform change of the container definitions, then a rollout with no image", () => {
    let summary: string;
    beforeAll(() => {
      ({ summary } = applyEdit(dir, "with-variable", (json) => {
        const containers = JSON.parse(json.resource.aws_ecs_task_definition.example.container_definitions);
        containers[0].environment = [{ name: "GREETING", value: "hello" }];
        json.resource.aws_ecs_task_definition.example.container_definitions = JSON.stringify(containers);
      }));
    });

    it("the plan's summary says what the service runs now, that the apply leaves it, and the rollout line", () => {
      expect(summary).toContain("**This apply does not change what the service runs.**");
      expect(summary).toContain("the old one stays registered (`skip_destroy`)");
      expect(summary).toContain(
        "so it keeps running `example:2`, not Terraform's revision (`npm run releases -- ecs-fargate-dev` names its image).",
      );
      expect(summary).toContain("`npm run rollout -- ecs-fargate-dev`");
    });

    it("the apply registers Terraform's new revision, keeps the old one, and leaves the service alone", async () => {
      expect(await revisions()).toEqual(["example:1 ACTIVE", "example:2 ACTIVE", "example:3 ACTIVE"]);
      expect(await running()).toBe("example:2");
    });

    it("a rollout with no image takes the variable and the running image to the service", async () => {
      const run = command("rollout", [DEV_STACK]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        "registered example:4: example:3 (Terraform's latest) with example running nginx:1.27.3\n",
      );
      expect(await running()).toBe("example:4");
      expect(await container("example:4")).toMatchObject({
        image: "nginx:1.27.3",
        environment: [{ name: "GREETING", value: "hello" }],
      });
      // Nothing prints an environment value.
      expect(`${run.stdout}${run.stderr}`).not.toContain("hello");
    });

    it("a second one has nothing to do", () => {
      const run = command("rollout", [DEV_STACK]);
      expect({ status: run.status, stdout: run.stdout }).toEqual({
        status: 0,
        stdout: "ecs-fargate-dev: nothing to roll out: example runs example:4 (example:3 with nginx:1.27.3) already\n",
      });
    });
  });

  describe("4. a rollout that does not complete, and a rollback", () => {
    it("without a circuit breaker ECS keeps trying: the rollout gives up at its timeout, non-zero, and says how to go back", async () => {
      const run = command("rollout", [DEV_STACK, "--image", BROKEN, "--timeout", "4s"]);
      expect(run.status).toBe(1);
      const [first, ...rest] = reportLines(run);
      expect(first).toMatch(
        /^rollout: the deployment of example:5 \(example\.invalid\/broken:1\) did not complete within 4 s: IN_PROGRESS, running 0\/2, failed tasks 2$/,
      );
      expect(rest).toContain(
        "  ECS keeps trying: example is still on example:5, with the tasks of the previous deployment running",
      );
      expect(rest).toContain("  to go back: npm run rollback -- ecs-fargate-dev");
      expect(rest.join("\n")).toContain("(service example) is unable to consistently start tasks successfully.");
      expect(await running()).toBe("example:5");
    });

    it("rollback goes back to the revision the service ran before the last rollout", async () => {
      const run = command("rollback", [DEV_STACK]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(
        "ecs-fargate-dev: rolling example back from example:5 to example:4 (nginx:1.27.3), the revision it ran " +
          "before the rollout of example:5 (example.invalid/broken:1)\n" +
          "ecs-fargate-dev: example runs example:4 (nginx:1.27.3): rollback completed\n",
      );
      expect(await running()).toBe("example:4");
      expect(await revisions()).toHaveLength(5); // a rollback registers nothing
    });

    it("releases lists the rollouts, newest first: revision, image, when, outcome, what ran before", () => {
      const run = command("releases", [DEV_STACK]);
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split("\n");
      expect(lines[0]).toBe("ecs-fargate-dev: the last 3 rollouts of example, newest first (* runs now: example:4)");
      expect(lines[1]).toMatch(/^revision +image +started \(UTC\) +outcome +from$/);
      expect(lines.slice(2).map((l) => l.split(/ {2,}/))).toEqual([
        ["example:5", BROKEN, expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), "ROLLED_BACK", "example:4"],
        ["example:4 *", "nginx:1.27.3", expect.any(String), "COMPLETED", "example:2"],
        ["example:2", "nginx:1.27.3", expect.any(String), "COMPLETED", "example:1"],
      ]);
    });
  });

  describe("5. with an ECR repository and the circuit breaker's rollback (a test-only edit of the stack)", () => {
    let uri: string;
    const push = (tag: string) =>
      ecr.send(
        new PutImageCommand({
          repositoryName: "example",
          imageTag: tag,
          imageManifest: JSON.stringify({
            schemaVersion: 2,
            mediaType: "application/vnd.docker.distribution.manifest.v2+json",
            config: {
              mediaType: "application/vnd.docker.container.image.v1+json",
              size: 2,
              digest: `sha256:${"a".repeat(64)}`,
            },
            layers: [
              {
                mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip",
                size: 3,
                digest: `sha256:${createHash("sha256").update(tag).digest("hex")}`,
              },
            ],
          }),
        }),
      );

    beforeAll(async () => {
      // The repository as the construct synthesizes it (prod has one), added to the deployed stack.
      const stack = testStack();
      new EcrImageRepository(stack, "ecr", { name: "example", imageTagMutability: "IMMUTABLE" });
      const ecrJson = synthJson(stack).resource;
      applyEdit(path.join(path.dirname(out), "with-variable", "stacks", DEV_STACK), "with-ecr", (json) => {
        Object.assign(json.resource, ecrJson);
        json.resource.aws_ecs_service.example.deployment_circuit_breaker = { enable: true, rollback: true };
      });
      const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ["example"] }));
      uri = repositories?.[0]?.repositoryUri ?? "";
    });

    it("scripts/release-image.sh tells the release workflow where to push: the repository and the commit", () => {
      const outputs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "release-image-")), "github-output");
      const run = spawnSync(path.join(ROOT, "scripts", "release-image.sh"), [DEV_STACK], {
        env: { ...process.env, ...env, CDKTF_OUTDIR: out, GITHUB_OUTPUT: outputs },
        encoding: "utf8",
      });
      const commit = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"], { encoding: "utf8" }).stdout.trim();
      const expected = `repository=${REGISTRY}/example\ncommit=${commit}\npushed=\n`;
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: expected });
      expect(fs.readFileSync(outputs, "utf8")).toBe(expected);
    });

    it("refuses an image of another repository, and a tag the repository does not hold: nothing registered", async () => {
      const before = await revisions();
      expect(refusal(command("rollout", [DEV_STACK, "--image", "nginx:1.27.3"]))).toEqual({
        status: 2,
        stderr: `rollout: --image must be an image of the stack's ECR repository ${REGISTRY}/example, got: "nginx:1.27.3"\n`,
      });
      expect(refusal(command("rollout", [DEV_STACK, "--image", `${uri}:release-missing`]))).toEqual({
        status: 1,
        stderr: 'rollout: --image: the tag "release-missing" is not in the ECR repository example: push it first\n',
      });
      expect(await revisions()).toEqual(before);
    });

    it("accepts a pushed image of the repository", async () => {
      await push("release-v2");
      const run = command("rollout", [DEV_STACK, "--image", `${uri}:release-v2`]);
      expect(run.status).toBe(0);
      expect(await running()).toBe("example:6");
      expect((await container("example:6"))?.image).toBe(`${REGISTRY}/example:release-v2`);
    });

    it("a failed deployment: non-zero, the failed revision and the reason, and ECS's rollback to the previous one", async () => {
      await push("broken");
      const run = command("rollout", [DEV_STACK, "--image", ECR_BROKEN]);
      expect(run.status).toBe(1);
      const lines = reportLines(run);
      expect(lines[0]).toBe(
        `rollout: the deployment of example:7 (${ECR_BROKEN}) FAILED: ECS deployment circuit breaker: tasks failed ` +
          "to start. (running 0/2, failed tasks 2)",
      );
      expect(lines[1]).toMatch(/^ {2}ECS rolled back: example is back on example:6 \(.*example:release-v2\)/);
      expect(lines).toContain("  recent events:");
      expect(await running()).toBe("example:6");
    });

    it("the plan stays clean after all of it", () => {
      expect(
        tf(path.join(out, "stacks", DEV_STACK), ["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status,
      ).toBe(0);
    });
  });
});
