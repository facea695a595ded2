// Integration: what a reviewer reads for the dev stack's real changes, against the local AWS endpoint
// with the real Terraform CLI and the state in S3: an out-of-band deploy the plan ignores (and a control
// without the lifecycle rule), an in-place update, a replacement, a destroy, drift, and the stack
// exported to HCL planned against the same state. One deploy serves every test: they run in order,
// each naming what it leaves for the next. (dev-stack.integration deploys its own dev stack, through
// interrupted applies, and destroys it: the two files run side by side.)
import * as fs from "fs";
import * as path from "path";
import { CloudWatchLogsClient, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DeregisterTaskDefinitionCommand, DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { bootstrapStateBucket } from "../../state/bootstrap";
import { STACK_ADDRESSES } from "../helpers/addresses";
import { Emulator, startEmulator } from "../helpers/emulator";
import { ExportedPlan, exportAndPlan } from "../helpers/export-hcl";
import { deployOutOfBand, reviewSavedPlan, summaryRow } from "../helpers/review";
import { DEV_STACK, planEdited, synthesizeApp, terraformOk } from "../helpers/terraform";

jest.setTimeout(300_000);

const MANAGED_ADDRESSES = STACK_ADDRESSES.filter((a) => !a.startsWith("data."));
const BUCKET = "ecs-fargate-review-tfstate";

describe("what a reviewer reads for the dev stack's changes, state in S3, against the local AWS endpoint (integration)", () => {
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let ecs: ECSClient, logs: CloudWatchLogsClient;

  const tf = (args: string[], expected?: number[]) => terraformOk(dir, [...args, "-no-color"], env, expected);
  /** The stack with one edit, as a pull request would make it, planned against the same state and reviewed. */
  const variant = (name: string, edit: (json: any) => void) => {
    const planned = planEdited(dir, name, edit, env);
    return { status: planned.status, ...reviewSavedPlan(planned.dir, "edited.tfplan", planned.stdout, env) };
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    env = { ...emulator.env, TF_STATE_BUCKET: BUCKET };
    const s3 = new S3Client({ ...emulator.client, forcePathStyle: true });
    const sts = new STSClient(emulator.client);
    await bootstrapStateBucket({ bucket: BUCKET, region: "ap-northeast-1", s3, sts });
    s3.destroy();
    sts.destroy();
    ecs = new ECSClient(emulator.client);
    logs = new CloudWatchLogsClient(emulator.client);
    dir = synthesizeApp(env);
    tf(["init", "-input=false"]);
    tf(["apply", "-input=false", "-auto-approve"]);
  });

  afterAll(async () => {
    for (const client of [ecs, logs]) client?.destroy();
    await emulator?.stop();
  });

  describe("1. an out-of-band deploy, as a CI pipeline would make", () => {
    let revision1: string;
    let revision2: string;

    beforeAll(async () => {
      ({ previous: revision1, revision: revision2 } = await deployOutOfBand(ecs, "nginx:1.27"));
    });

    it("runs revision 2", async () => {
      expect(revision2).toMatch(/:task-definition\/example:2$/);
      const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "example", services: ["example"] }));
      expect(services?.[0]?.taskDefinition).toBe(revision2);
    });

    it("plans no changes, because the service ignores task_definition changes", () => {
      expect(tf(["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
    });

    it("control: the same stack without the lifecycle rule plans the service back to revision 1", () => {
      const { status, plan, summary } = variant("control", (json) => {
        expect(json.resource.aws_ecs_service.example.lifecycle).toEqual({ ignore_changes: ["task_definition"] });
        delete json.resource.aws_ecs_service.example.lifecycle;
      });
      expect(status).toBe(2);
      const changes = (plan.resource_changes ?? []).filter((c) => c.change.actions.join() !== "no-op");
      expect(changes).toHaveLength(1);
      expect(summary).toContain("**0 to add, 1 to change, 0 to replace, 0 to destroy.**");
      // Long values are cut in the middle and the change wraps onto its own lines, to fit a comment's width.
      const tail = (arn: string) => arn.slice(-12);
      expect(summaryRow(summary, "aws_ecs_service.example")).toContain(
        `\`task_definition\`:<br>&emsp;\`"arn:aws:ecs:ap-northeast-1:`,
      );
      expect(summaryRow(summary, "aws_ecs_service.example")).toContain(
        `${tail(revision2)}"\`<br>&emsp;→ \`"arn:aws:ecs:`,
      );
      expect(summaryRow(summary, "aws_ecs_service.example")).toContain(`${tail(revision1)}"\` |`);
      expect(changes[0]).toMatchObject({
        address: "aws_ecs_service.example",
        change: { actions: ["update"], before: { task_definition: revision2 }, after: { task_definition: revision1 } },
      });
    });

    afterAll(async () => {
      // The out-of-band revision is the test's, not the stack's: the test removes it.
      if (revision2) await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: revision2 }));
    });
  });

  describe("2. what a reviewer reads for real changes", () => {
    it("an in-place update: desired count 2 -> 3, with its construct path", () => {
      const { status, summary } = variant("update", (json) => {
        json.resource.aws_ecs_service.example.desired_count = 3;
      });
      expect(status).toBe(2);
      expect(summary).toContain("**0 to add, 1 to change, 0 to replace, 0 to destroy.**");
      expect(summaryRow(summary, "aws_ecs_service.example")).toBe(
        "| 🟡 update | `aws_ecs_service.example`<br><sub>`ecs-fargate-dev/service/service`</sub><br>`desired_count`: `2` → `3` |",
      );
      expect(summary).not.toContain("[!CAUTION]");
    });

    it("a replacement: the image tag, shown by its path inside the JSON, with what forces it and the ignored rollout", () => {
      const { status, summary } = variant("replace", (json) => {
        const containers = JSON.parse(json.resource.aws_ecs_task_definition.example.container_definitions);
        containers[0].image = "nginx:1.27.3";
        json.resource.aws_ecs_task_definition.example.container_definitions = JSON.stringify(containers);
      });
      expect(status).toBe(2);
      expect(summary).toContain("**0 to add, 0 to change, 1 to replace, 0 to destroy.**");
      expect(summary).toContain("[!CAUTION]");
      const replaced = summaryRow(summary, "aws_ecs_task_definition.example") ?? "";
      expect(replaced).toMatch(
        /^\| 🟠 replace \| `aws_ecs_task_definition.example`<br><sub>`ecs-fargate-dev\/taskDefinition\/task_definition`<\/sub><br>/,
      );
      expect(replaced).toContain("**forces replacement:** `container_definitions`");
      expect(replaced).toContain('`container_definitions[0].image`: `"nginx:latest"`<br>&emsp;→ `"nginx:1.27.3"`');
      // AWS's normalization (cpu 0, empty lists) and the noise of a replacement are not changes.
      expect(replaced).not.toMatch(/mountPoints|volumesFrom|ipc_mode|`tags`/);
      expect(summary).toContain("**This apply does not change what the service runs.**");
      // (step 1's out-of-band deploy left the service on example:2, a revision Terraform did not register)
      expect(summary).toContain(
        "so it keeps running `example:2`, not Terraform's revision (`npm run releases -- ecs-fargate-dev` names its image).",
      );
      expect(summary).toContain("`npm run rollout -- ecs-fargate-dev`");
    });

    it("a destroy: every resource, loud and first", () => {
      const destroy = tf(["plan", "-input=false", "-destroy", "-out=destroy.tfplan"]);
      const { summary } = reviewSavedPlan(dir, "destroy.tfplan", destroy.stdout, env);
      expect(summary).toContain(`**0 to add, 0 to change, 0 to replace, ${MANAGED_ADDRESSES.length} to destroy.**`);
      expect(summary).toContain("[!CAUTION]");
      expect(summaryRow(summary, "aws_vpc.example")).toMatch(/^\| 🔴 destroy \|/);
    });

    describe("drift: a change made outside Terraform", () => {
      afterAll(async () => {
        await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/ecs/example", retentionInDays: 180 }));
      });

      it("is listed apart from the changes, and the plan sets it back", async () => {
        await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/ecs/example", retentionInDays: 30 }));
        const planned = tf(["plan", "-input=false", "-out=drift.tfplan"]);
        const { summary } = reviewSavedPlan(dir, "drift.tfplan", planned.stdout, env);
        const [, drift = ""] = summary.split("Changed outside Terraform");
        expect(drift).toContain("`aws_cloudwatch_log_group.for_ecs`");
        expect(drift).toContain("`retention_in_days`: `180` → `30`");
        expect(summary).toContain("**0 to add, 1 to change, 0 to replace, 0 to destroy.**");
        expect(summaryRow(summary, "aws_cloudwatch_log_group.for_ecs")).toContain("`retention_in_days`: `30` → `180`");
      });
    });
  });

  describe("3. leaving CDKTF: the stack exported to plain HCL, against this state", () => {
    let exported: ExportedPlan;
    beforeAll(async () => {
      exported = await exportAndPlan(path.dirname(path.dirname(dir)), DEV_STACK, env);
    });

    it("plans no change: exit 0 with -detailed-exitcode", () => {
      expect({ status: exported.plan.status, stderr: exported.plan.stderr }).toEqual({ status: 0, stderr: "" });
      expect(exported.plan.stdout).toContain("No changes.");
    });

    it("keeps the S3 backend as it is, and validates with no error and no warning", () => {
      const main = fs.readFileSync(path.join(exported.dir, "main.tf"), "utf8");
      expect(main).toMatch(new RegExp(`backend "s3" \\{[^}]*bucket\\s*= "${BUCKET}"`));
      expect(exported.validate).toMatchObject({ valid: true, diagnostics: [] });
    });
  });
});
