// plan:verify's comparison and report on real plans (the fixtures): the same, what differs (by
// address, with this plan's change), no reviewed plan; never a secret in the report.
import { verificationOf } from "../../plan-review/fingerprint";
import { PlanJson } from "../../plan-review/plan-json";
import { comparePlans, renderVerify, VERIFY_EXIT } from "../../plan-review/verify";
import { FIXTURE_SECRETS, fixtureConfiguration, fixturePlan, Scenario } from "./fixtures";

const STACK = "ecs-fargate-dev";

function verify(reviewedScenario: Scenario | undefined, current: Scenario | PlanJson) {
  const plan = typeof current === "string" ? fixturePlan(current) : current;
  const reviewed = reviewedScenario ? verificationOf(fixturePlan(reviewedScenario)) : undefined;
  const result = comparePlans(reviewed, verificationOf(plan), plan, {
    configuration: fixtureConfiguration(typeof current === "string" ? current : "update"),
    reason: reviewed ? undefined : "no pull request was merged as commit 0123abc",
  });
  return { result, report: renderVerify(STACK, result, plan) };
}

describe("plan:verify's comparison", () => {
  it("says the same for the same plan", () => {
    const { result, report } = verify("update", "update");
    expect(result).toEqual({ verdict: "same", rows: [], reviewedListMissing: false });
    expect(report).toBe(
      "### plan:verify: `ecs-fargate-dev`\n\n**The same plan as reviewed.** The saved plan may be applied.\n",
    );
  });

  it("says the same when the refresh found more but the plan changes the same (no-changes against no-changes minus drift)", () => {
    const refreshed = { ...fixturePlan("no-changes"), resource_drift: [] };
    expect(verify("no-changes", refreshed).result.verdict).toBe("same");
  });

  it("names the address whose change differs, with this plan's change", () => {
    const { result, report } = verify("update", "drift");
    expect(result.verdict).toBe("differs");
    expect(result.rows).toEqual([
      {
        address: "aws_cloudwatch_log_group.for_ecs",
        reviewed: undefined,
        now: "update",
        details: [expect.any(String)],
      },
      { address: "aws_ecs_service.example", reviewed: "update", now: undefined, details: [] },
    ]);
    expect(report.split("\n")).toEqual([
      "### plan:verify: `ecs-fargate-dev`",
      "",
      "**This plan differs from the reviewed one** in 2 addresses. It is not applied: review the difference, then plan the pull request again or apply on purpose.",
      "",
      "| address | reviewed | now | this plan's change |",
      "| --- | --- | --- | --- |",
      "| `aws_cloudwatch_log_group.for_ecs` | no change | 🟡 update | `retention_in_days`: `30` → `180` |",
      "| `aws_ecs_service.example` | 🟡 update | no change |  |",
      "",
    ]);
  });

  it("names an address planned by both whose values differ", () => {
    const changed = JSON.parse(JSON.stringify(fixturePlan("update")));
    const service = changed.resource_changes.find((c: any) => c.address === "aws_ecs_service.example");
    service.change.after.desired_count = 4;
    const { result, report } = verify("update", changed);
    expect(result.rows).toEqual([
      expect.objectContaining({ address: "aws_ecs_service.example", reviewed: "update", now: "update" }),
    ]);
    expect(report).toContain(
      "| `aws_ecs_service.example` | 🟡 update | 🟡 update | values differ from the reviewed plan<br>`desired_count`: `2` → `4` |",
    );
  });

  it("says there is no reviewed plan, and why", () => {
    const { result, report } = verify(undefined, "update");
    expect(result.verdict).toBe("unreviewed");
    expect(report).toContain("**No reviewed plan for this stack:** no pull request was merged as commit 0123abc.");
  });

  it("says how to apply an unreviewed plan on purpose, and says loudly when that is what happens", () => {
    const { result, report } = verify(undefined, "update");
    expect(report).toContain(
      "Nothing is applied. To apply an unreviewed plan on purpose, start the deploy workflow by hand " +
        "(`workflow_dispatch`) with `allow-unreviewed` (prod's environment reviewers still approve the apply).",
    );
    const allowed = renderVerify(STACK, result, fixturePlan("update"), true);
    expect(allowed).toContain("> **Applying an unreviewed plan on purpose**");
    expect(allowed).not.toContain("Nothing is applied.");
  });

  it("has documented exit codes: 0 same, 1 error, 3 differs, 4 no reviewed plan", () => {
    expect(VERIFY_EXIT).toEqual({ same: 0, error: 1, differs: 3, unreviewed: 4 });
  });

  it("never shows a secret: a rotated secret differs, and the report holds neither value", () => {
    const { result, report } = verify("sensitive-create", "sensitive-update");
    expect(result.verdict).toBe("differs");
    expect(report).toContain("`aws_ssm_parameter.db_password`");
    expect(report).toContain("`value`: `(sensitive)` → `(sensitive)`");
    for (const secret of FIXTURE_SECRETS) {
      expect(report).not.toContain(secret);
      expect(report).not.toContain(secret.slice(0, 8));
    }
  });
});
