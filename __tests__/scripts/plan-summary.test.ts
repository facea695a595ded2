import { PlanJson, summarizePlan } from "../../scripts/plan-summary/summarize";

const change = (address: string, actions: string[], extra: Record<string, unknown> = {}) => ({
  address,
  mode: "managed",
  change: { actions, before: null, after: {}, after_unknown: {}, ...extra },
});

describe("summarizePlan", () => {
  it("says so when nothing changes", () => {
    const plan: PlanJson = { resource_changes: [change("aws_vpc.example", ["no-op"])] };
    expect(summarizePlan(plan, "ecs-fargate")).toBe(
      "### Terraform plan: ecs-fargate\n\n**No changes.** The infrastructure matches the configuration.\n",
    );
  });

  it("counts and lists creations", () => {
    const plan: PlanJson = {
      resource_changes: [change("aws_vpc.example", ["create"]), change("aws_ecs_cluster.example", ["create"])],
    };
    expect(summarizePlan(plan, "ecs-fargate")).toBe(
      [
        "### Terraform plan: ecs-fargate",
        "",
        "**2 to add, 0 to change, 0 to replace, 0 to destroy.**",
        "",
        "| action | address | what changes |",
        "| --- | --- | --- |",
        "| 🟢 create | `aws_ecs_cluster.example` |  |",
        "| 🟢 create | `aws_vpc.example` |  |",
        "",
      ].join("\n"),
    );
  });

  it("lists destroys and replacements first, with a warning, and names what forces a replacement", () => {
    const plan: PlanJson = {
      resource_changes: [
        change("aws_ecs_service.example", ["update"], {
          before: { desired_count: 2, name: "example" },
          after: { desired_count: 3, name: "example" },
        }),
        change("aws_lb_target_group.example", ["delete", "create"], {
          before: { name: "example", arn: "arn:old" },
          after: { name: "web" },
          after_unknown: { arn: true },
          replace_paths: [["name"]],
        }),
        change("aws_cloudwatch_log_group.for_ecs", ["delete"], { before: { name: "/ecs/example" }, after: null }),
        { address: "data.aws_iam_policy.x", mode: "data", change: { actions: ["read"] } },
      ],
      output_changes: { alb_dns_name: { actions: ["no-op"] }, ecs_service_name: { actions: ["update"] } },
    };
    const lines = summarizePlan(plan, "ecs-fargate").split("\n");
    expect(lines).toContain("**0 to add, 1 to change, 1 to replace, 1 to destroy.**");
    expect(lines).toContain("> ⚠️ This plan destroys or replaces resources: they are listed first.");
    expect(lines.filter((l) => l.startsWith("| 🔴") || l.startsWith("| 🟠") || l.startsWith("| 🟡"))).toEqual([
      "| 🔴 destroy | `aws_cloudwatch_log_group.for_ecs` |  |",
      '| 🟠 replace | `aws_lb_target_group.example` | forces replacement: `name`<br>`arn`: "arn:old" → (known after apply)<br>`name`: "example" → "web" |',
      "| 🟡 update | `aws_ecs_service.example` | `desired_count`: 2 → 3 |",
    ]);
    expect(lines).toContain("Outputs changing: `ecs_service_name`");
  });
});
