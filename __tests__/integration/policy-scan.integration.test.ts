// Integration: checkov (pinned, in .venv-tools) on every stack's synthesized Terraform JSON.
// The prod stack passes with nothing unexplained: every finding it keeps has a written reason
// (policy-scan/accepted-findings.ts); the dev stack's findings are the note's choices, each
// with its reason. A new finding in either stack, or a reason that no longer applies, fails.
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS } from "../../config";
import { ACCEPTED_FINDINGS } from "../../policy-scan/accepted-findings";
import { compareFindings } from "../../policy-scan/compare";
import { CHECKOV, scanStack } from "../../policy-scan/scan";
import { synthesizeApp } from "../helpers/terraform";

jest.setTimeout(120_000);

describe("the policy scan (integration)", () => {
  let outdir: string;
  beforeAll(() => {
    if (!fs.existsSync(CHECKOV))
      throw new Error("checkov is not installed: run scripts/tools/install.sh (npm test does)");
    outdir = path.dirname(synthesizeApp());
  });

  it.each(ENVIRONMENTS.map((e) => e.stackName))(
    "%s: every finding is kept on purpose, with a reason; none is stale",
    async (stack) => {
      const { passed, failed } = await scanStack(path.join(outdir, stack));
      const comparison = compareFindings(failed, ACCEPTED_FINDINGS[stack] ?? []);
      expect(comparison.unexplained).toEqual([]);
      expect(comparison.stale).toEqual([]);
      expect(passed).toBeGreaterThan(50);
      for (const kept of ACCEPTED_FINDINGS[stack] ?? []) expect(kept.reason.length).toBeGreaterThan(20);
    },
  );

  it("keeps 27 of the note's choices in dev, and in prod only what the architecture or checkov explains", () => {
    expect(ACCEPTED_FINDINGS["ecs-fargate-dev"]).toHaveLength(27);
    expect(ACCEPTED_FINDINGS["ecs-fargate-prod"]?.map((f) => `${f.check} ${f.address}`)).toEqual([
      "CKV_AWS_332 aws_ecs_service.example",
      "CKV_AWS_332 aws_ecs_service.worker",
      "CKV_AWS_378 aws_lb_target_group.admin",
      "CKV_AWS_378 aws_lb_target_group.example",
      "CKV2_AWS_76 aws_lb.example",
      "CKV_AWS_144 aws_s3_bucket.alb_log",
      "CKV_AWS_145 aws_s3_bucket.alb_log",
      "CKV_AWS_18 aws_s3_bucket.alb_log",
      "CKV2_AWS_62 aws_s3_bucket.alb_log",
      "CKV_AWS_260 aws_security_group_rule.http_sg_ingress",
      "CKV_AWS_109 data.aws_iam_policy_document.kms",
      "CKV_AWS_111 data.aws_iam_policy_document.kms",
      "CKV_AWS_356 data.aws_iam_policy_document.kms",
    ]);
  });

  it("fails on a regression: prod without drop_invalid_header_fields has one unexplained finding, named by address", async () => {
    const regressed = path.join(path.dirname(outdir), "regressed");
    fs.mkdirSync(regressed, { recursive: true });
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "ecs-fargate-prod", "cdk.tf.json"), "utf8"));
    delete json.resource.aws_lb.example.drop_invalid_header_fields;
    fs.writeFileSync(path.join(regressed, "cdk.tf.json"), JSON.stringify(json));
    const { failed } = await scanStack(regressed);
    expect(compareFindings(failed, ACCEPTED_FINDINGS["ecs-fargate-prod"] ?? []).unexplained).toEqual([
      { check: "CKV_AWS_131", title: "Ensure that ALB drops HTTP headers", address: "aws_lb.example" },
    ]);
  });
});
