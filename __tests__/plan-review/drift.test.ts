// Drift sorted from what a refresh finds (plan-review/drift.ts), on real plans (the fixtures): what
// AWS fills in after an apply is not drift, an attribute the configuration sets is, one it ignores
// is not; and the report never shows a secret.
import { findDrift, renderDrift, topAttribute } from "../../plan-review/drift";
import { PlanJson } from "../../plan-review/plan-json";
import { FIXTURE_SECRETS, fixtureConfiguration, fixturePlan } from "./fixtures";

const STACK = "ecs-fargate-dev";

describe("drift", () => {
  it("is none right after an apply: the 20 resources the refresh finds only hold values AWS filled in", () => {
    const plan = fixturePlan("no-changes");
    const findings = findDrift(plan, fixtureConfiguration("no-changes"));
    expect(findings.filter((f) => f.category === "drift")).toEqual([]);
    expect(findings.map((f) => `${f.address} ${f.category}`)).toEqual(
      expect.arrayContaining([
        "aws_eip.nat_gateway_0 filled",
        "aws_iam_policy.ecs_task_execution_role filled",
        "aws_route_table.private_0 filled",
        "aws_security_group.http_sg filled",
      ]),
    );
    const report = renderDrift(STACK, plan, findings);
    expect(report.split("\n").slice(0, 3)).toEqual([
      "### Drift: `ecs-fargate-dev`",
      "",
      "**No drift.** The infrastructure matches what the configuration sets.",
    ]);
    expect(report).toContain(
      "<summary>Not drift: 10 resources hold values AWS fills in after creation, in attributes the configuration does not set</summary>",
    );
    expect(report).toContain("| `aws_iam_policy.ecs_task_execution_role` |");
    expect(report).toContain("`attachment_count`: `0` → `1`");
  });

  it("is an attribute the configuration sets, changed outside Terraform: the log group's retention", () => {
    const plan = fixturePlan("drift");
    const findings = findDrift(plan, fixtureConfiguration("drift"));
    expect(findings.filter((f) => f.category === "drift")).toEqual([
      {
        address: "aws_cloudwatch_log_group.for_ecs",
        constructPath: "ecs-fargate-dev/logs/log_group",
        category: "drift",
        deleted: false,
        changes: [{ path: "retention_in_days", before: "180", after: "30" }],
      },
    ]);
    const report = renderDrift(STACK, plan, findings);
    expect(report).toContain("**Drift: 1 resource changed outside Terraform** in what the configuration sets.");
    expect(report).toMatch(
      /^\| `aws_cloudwatch_log_group.for_ecs` \| `[^`]+` \| `retention_in_days`: `180` → `30` \|$/m,
    );
  });

  const edited = (edit: (plan: any) => void): PlanJson => {
    const plan = JSON.parse(JSON.stringify(fixturePlan("no-changes")));
    edit(plan);
    return plan as PlanJson;
  };

  it("is a resource deleted outside Terraform", () => {
    const plan = edited((p) => {
      const vpc = p.prior_state.values.root_module.resources.find((r: any) => r.address === "aws_vpc.example");
      p.resource_drift.push({
        address: "aws_vpc.example",
        mode: "managed",
        type: "aws_vpc",
        name: "example",
        change: { actions: ["delete"], before: vpc.values, after: null },
      });
    });
    const drift = findDrift(plan, fixtureConfiguration("no-changes")).filter((f) => f.category === "drift");
    expect(drift).toEqual([expect.objectContaining({ address: "aws_vpc.example", deleted: true })]);
    expect(renderDrift(STACK, plan, drift)).toContain("| _deleted outside Terraform_ |");
  });

  it("is not an attribute the configuration ignores: an out-of-band deploy of the service's task definition", () => {
    const plan = edited((p) => {
      const service = p.resource_drift.find((c: any) => c.address === "aws_ecs_service.example");
      service.change.after.task_definition = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/example:2";
    });
    const findings = findDrift(plan, fixtureConfiguration("no-changes"));
    expect(findings.filter((f) => f.address === "aws_ecs_service.example")).toEqual([
      expect.objectContaining({ category: "ignored", changes: [expect.objectContaining({ path: "task_definition" })] }),
    ]);
    expect(renderDrift(STACK, plan, findings)).toContain(
      "<summary>Not drift: 1 resource changed in attributes the configuration ignores",
    );
  });

  it("is a tag added outside Terraform, though the configuration sets tags only as the provider's default tags", () => {
    const plan = edited((p) => {
      const cluster = p.resource_drift.find((c: any) => c.address === "aws_ecs_cluster.example");
      cluster.change.after.tags_all = { ...cluster.change.after.tags_all, owner: "console" };
    });
    const drift = findDrift(plan, fixtureConfiguration("no-changes")).filter((f) => f.category === "drift");
    expect(drift.map((f) => f.address)).toEqual(["aws_ecs_cluster.example"]);
  });

  it("reports never show a secret, even in an attribute the provider does not mark sensitive", () => {
    const [secret] = FIXTURE_SECRETS;
    const base = fixturePlan("sensitive-update");
    const parameter = base.resource_changes?.[0];
    if (!parameter) throw new Error("no parameter");
    const plan: PlanJson = {
      ...base,
      resource_drift: [
        {
          ...parameter,
          change: {
            ...parameter.change,
            actions: ["update"],
            before: { ...(parameter.change.before as object), description: "old" },
            after: { ...(parameter.change.before as object), description: `leaked ${secret} here` },
          },
        },
      ],
    };
    const report = renderDrift(STACK, plan, findDrift(plan, fixtureConfiguration("sensitive-update")));
    expect(report).toContain("aws_ssm_parameter.db_password");
    for (const s of FIXTURE_SECRETS) expect(report).not.toContain(s);
  });

  it.each([
    ["route[0].cidr_block", "route"],
    ["tags.Name", "tags"],
    ["container_definitions[0].image", "container_definitions"],
    ["retention_in_days", "retention_in_days"],
  ])("reads the top attribute of %s as %s", (path, top) => {
    expect(topAttribute(path)).toBe(top);
  });
});
