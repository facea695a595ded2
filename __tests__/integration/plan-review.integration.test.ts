// Integration: the plan runner (plan-review/planner.ts) on real plans that the dev stack's test
// cannot make: a secret in the plan, which must not reach the summary or the comment file, and a
// plan too large for one pull-request comment. Test-only stacks, against their own local endpoint.
// (Secrets in the shapes that leaked before, and the masks: plan-secrets.integration.test.ts.)
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { planStack } from "../../plan-review/planner";
import { commentLength, GITHUB_COMMENT_LIMIT } from "../../plan-review/trim";
import { usePlanRunner } from "../helpers/plan-runner";
import { ROOT, terraformOk } from "../helpers/terraform";

jest.setTimeout(240_000);

/** A secret no summary may ever show: unique per run, so a match cannot be a coincidence. */
const SECRET = `s3cr3t-${process.pid}-${Date.now()}`;
const ROTATED = `r0tated-${process.pid}-${Date.now()}`;

describe("the plan runner on real plans (integration)", () => {
  const runner = usePlanRunner("plan-review");
  const { written } = runner;

  describe("a secret in the plan", () => {
    const stack = "sensitive";
    const dir = () => path.join(runner.out(), "stacks", stack);

    beforeAll(() => {
      // The fixtures' test-only app: one SSM SecureString whose value (and a tag derived from it) is sensitive.
      const app = path.join(ROOT, "__tests__", "plan-review", "fixtures", "sensitive-app.ts");
      const synth = spawnSync("node", [path.join(ROOT, "scripts", "run-app.js"), app], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: runner.out() },
        encoding: "utf8",
      });
      if (synth.status !== 0) throw new Error(`sensitive-app failed:\n${synth.stderr}`);
    });

    it("is never shown when the parameter is created: not in the summary, the comment file or the plan text", async () => {
      process.env.TF_VAR_secret = SECRET;
      const plan = await planStack(runner.out(), stack, "0123abc");
      expect(plan.code).toBe(2);
      expect(plan.summary).toContain("**1 to add, 0 to change, 0 to replace, 0 to destroy.**");
      expect(plan.summary).toContain("(sensitive)");
      const [comment, text] = written(stack);
      for (const shown of [plan.summary, comment, text]) {
        expect(shown).not.toContain(SECRET);
        expect(shown).not.toContain(SECRET.slice(0, 8)); // the derived tag: its first 8 characters
      }
      // The plan's JSON does hold it: that file stays out of the pull request's artifact.
      expect(written(stack)[2]).toContain(SECRET);
      terraformOk(dir(), ["apply", "-input=false", "-auto-approve", "plan.tfplan"], { TF_VAR_secret: SECRET });
    });

    it("is never shown when it changes: neither the old value nor the new one", async () => {
      process.env.TF_VAR_secret = ROTATED;
      const plan = await planStack(runner.out(), stack, "0123abc");
      expect(plan.code).toBe(2);
      expect(plan.summary).toContain("**0 to add, 1 to change, 0 to replace, 0 to destroy.**");
      expect(plan.summary).toContain("`value`: `(sensitive)` → `(sensitive)`");
      const [comment, text] = written(stack);
      for (const shown of [plan.summary, comment, text]) {
        for (const secret of [SECRET, ROTATED, SECRET.slice(0, 8), ROTATED.slice(0, 8)]) {
          expect([secret, shown.includes(secret)]).toEqual([secret, false]);
        }
      }
    });
  });

  describe("a plan too large for one comment", () => {
    const stack = "large";

    beforeAll(() => {
      // 300 SSM parameters with long descriptions: a plan text of several hundred KB.
      const parameter = (i: number) => ({
        name: `/large/plan/parameter-${String(i).padStart(3, "0")}`,
        type: "String",
        value: `value ${i}`,
        description: `parameter ${i} of a plan too large for one comment `.repeat(12).trim(),
      });
      const json = {
        terraform: { required_providers: { aws: { source: "aws", version: "5.100.0" } } },
        provider: {
          aws: [
            {
              region: "ap-northeast-1",
              access_key: "test",
              secret_key: "test",
              skip_credentials_validation: true,
              skip_requesting_account_id: true,
              skip_metadata_api_check: "true",
              skip_region_validation: true,
              endpoints: [{ ssm: runner.emulator().url, sts: runner.emulator().url }],
            },
          ],
        },
        resource: {
          aws_ssm_parameter: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p${i}`, parameter(i)])),
        },
      };
      fs.mkdirSync(path.join(runner.out(), "stacks", stack), { recursive: true });
      fs.writeFileSync(path.join(runner.out(), "stacks", stack, "cdk.tf.json"), JSON.stringify(json));
    });

    it("is trimmed to fit, keeping the head and the tail of the plan, and says where the full plan is", async () => {
      const plan = await planStack(runner.out(), stack, "0123abc");
      expect(plan.code).toBe(2);
      const [comment, text] = written(stack);
      expect(text.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
      expect(comment).toBe(plan.summary);
      expect(commentLength(comment)).toBeLessThan(GITHUB_COMMENT_LIMIT);
      expect(comment).toContain("**300 to add, 0 to change, 0 to replace, 0 to destroy.**");
      expect(comment).toMatch(/trimmed/i);
      expect(comment).toContain("stacks/large/plan.txt");
      // The head and the tail of the plan text are both there.
      expect(comment).toContain("aws_ssm_parameter.p0 will be created");
      expect(comment).toContain("Plan: 300 to add, 0 to change, 0 to destroy.");
    });
  });
});
