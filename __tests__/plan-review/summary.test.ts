// The summary of real plans (the fixtures, made by Terraform against the local endpoint): the
// headline, the callouts, the table rows with their construct paths, the JSON path diff, the
// ignored rollout, the drift, moves and imports, trimming, sensitive values, and the Mermaid
// flowchart as Mermaid's own parser reads it.
import * as fs from "fs";
import { PlanJson } from "../../plan-review/plan-json";
import { sensitiveStrings } from "../../plan-review/sensitive";
import { markerLine, renderSummary } from "../../plan-review/summary";
import { COMMENT_BUDGET, commentLength, GITHUB_COMMENT_LIMIT } from "../../plan-review/trim";
import {
  FIXTURE_SECRETS,
  fixtureConfiguration,
  fixtureFile,
  fixturePlan,
  fixtureText,
  Scenario,
  SCENARIOS,
} from "./fixtures";
import { mermaidBlock, ParsedDiagram, parseMermaid } from "./mermaid";

const STACK = "ecs-fargate-dev";
const LOCATION = "The full plan is `ecs-fargate-dev/plan.txt` in this workflow run's `terraform-plans` artifact.";
const PLANNED = SCENARIOS.filter((s) => s !== "failed");

/** The construct path CDKTF wrote for a resource in the scenario's cdk.tf.json. */
function constructPath(scenario: Scenario, type: string, name: string): string {
  const json = JSON.parse(fs.readFileSync(fixtureFile(scenario, "cdk.tf.json"), "utf8"));
  return json.resource[type][name]["//"].metadata.path;
}

function summaryOf(scenario: Scenario, extra: Partial<Parameters<typeof renderSummary>[0]> = {}): string {
  return renderSummary({
    stack: STACK,
    commit: "0123abc",
    plan: fixturePlan(scenario),
    planText: fixtureText(scenario),
    configuration: fixtureConfiguration(scenario),
    fullPlanLocation: LOCATION,
    ...extra,
  });
}

/** The table row of an address: the address opens its second cell. */
function row(summary: string, address: string): string | undefined {
  return summary
    .split("\n")
    .find((line) => line.startsWith("| ") && new RegExp(`^\\| [^|]+ \\| \`${escape(address)}\`(<br>| \\|)`).test(line));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The address with its construct path under it, as a row's second cell opens. */
function resource(scenario: Scenario, address: string): string {
  const [type = "", name = ""] = address.split(".");
  return `\`${address}\`<br><sub>\`${constructPath(scenario, type, name)}\`</sub>`;
}

const summaries = new Map<Scenario, string>();
const diagrams = new Map<Scenario, ParsedDiagram>();

beforeAll(() => {
  for (const scenario of PLANNED) summaries.set(scenario, summaryOf(scenario));
  const withDiagram = PLANNED.filter((s) => (summaries.get(s) ?? "").includes("```mermaid"));
  const parsed = parseMermaid(withDiagram.map((s) => mermaidBlock(summaries.get(s) ?? "")));
  withDiagram.forEach((scenario, i) => diagrams.set(scenario, parsed[i] ?? {}));
});

const summary = (scenario: Scenario): string => summaries.get(scenario) ?? "";

describe("every summary", () => {
  it.each(PLANNED)("%s: starts with the hidden marker and the headline", (scenario) => {
    expect(summary(scenario).split("\n").slice(0, 5)).toEqual([
      "<!-- plan-review:stack=ecs-fargate-dev -->",
      "### Terraform plan: `ecs-fargate-dev`",
      "",
      "commit `0123abc` · Terraform 1.11.4",
      "",
    ]);
  });

  it.each(PLANNED)("%s: fits a GitHub comment", (scenario) => {
    expect(commentLength(summary(scenario))).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(summary(scenario).length).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });

  it.each(PLANNED)("%s: is the same text every time, with nothing that changes by the clock", (scenario) => {
    expect(summaryOf(scenario)).toBe(summary(scenario));
    const ours = summary(scenario).split("<summary>Full plan")[0]; // Terraform's text shows creation times
    expect(ours).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it.each(PLANNED)("%s: has a flowchart Mermaid's parser accepts, when anything changes", (scenario) => {
    if (scenario === "no-changes") {
      expect(summary(scenario)).not.toContain("```mermaid");
      return;
    }
    expect(diagrams.get(scenario)).toMatchObject({ diagramType: "flowchart-v2" });
    expect(diagrams.get(scenario)?.error).toBeUndefined();
  });

  it("names the stack in the marker so that a workflow finds its comment", () => {
    expect(markerLine("ecs-fargate-prod")).toBe("<!-- plan-review:stack=ecs-fargate-prod -->");
    // A stack name cannot close the HTML comment early.
    expect(markerLine("a--b")).not.toContain("a--b");
  });
});

describe("create from nothing", () => {
  const text = () => summary("create");

  it("counts 37 to add", () => {
    expect(text()).toContain("\n**37 to add, 0 to change, 0 to replace, 0 to destroy.**\n");
    expect(text()).not.toContain("[!CAUTION]");
  });

  it("lists every resource as created, with the construct path that made it", () => {
    const plan = fixturePlan("create");
    const managed = (plan.resource_changes ?? []).filter((c) => c.mode === "managed");
    expect(managed).toHaveLength(37);
    for (const change of managed) {
      const line = row(text(), change.address);
      const path = constructPath("create", change.type, change.name);
      expect(line?.startsWith(`| 🟢 create | \`${change.address}\`<br><sub>\`${path}\`</sub>`)).toBe(true);
    }
  });

  it("shows a created resource's configured values, and folds what is known after apply", () => {
    expect(row(text(), "aws_vpc.example")).toBe(
      `| 🟢 create | ${resource("create", "aws_vpc.example")}<br>` +
        '`cidr_block` = `"10.0.0.0/16"`<br>`enable_dns_hostnames` = `true`<br>`enable_dns_support` = `true`<br>' +
        '`tags` = `{"Name":"example"}` |',
    );
    expect(row(text(), "aws_ecs_service.example")).toContain(
      "`desired_count` = `2`<br>`health_check_grace_period_seconds` = `60`<br>",
    );
    expect(row(text(), "aws_ecs_service.example")).toMatch(/_known after apply:_ `cluster`, `task_definition` \|$/);
  });

  it("names what ignore_changes hides", () => {
    expect(text()).toContain(
      "Hidden from this plan by `lifecycle.ignore_changes`: `aws_ecs_service.example` ignores `task_definition`.",
    );
  });

  it("draws the 37 resources as one box per construct and action, with the dependencies between them", () => {
    const diagram = diagrams.get("create");
    expect(diagram?.nodes?.map((n) => n.text)).toEqual(
      expect.arrayContaining(["network: 20 to add", "service: 1 to add", "logs: 1 to add", "cluster: 1 to add"]),
    );
    const total = (diagram?.nodes ?? []).reduce((n, node) => n + Number(/: (\d+) to add$/.exec(node.text)?.[1]), 0);
    expect(total).toBe(37);
    expect(new Set(diagram?.nodes?.flatMap((n) => n.classes))).toEqual(new Set(["create"]));
    const edges = (diagram?.edges ?? []).map((e) => `${e.from} --> ${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        "group_network_create --> group_loadBalancer_create", // a reference: the subnets
        "group_taskDefinition_create --> group_service_create",
        "group_loadBalancer_create --> group_service_create", // depends_on the listener rule
        "group_logs_create --> group_taskDefinition_create", // depends_on
      ]),
    );
  });

  it("keeps the whole plan text when it fits", () => {
    expect(text()).toContain("<summary>Full plan (<code>terraform show</code>)</summary>");
    expect(text()).toContain("Plan: 37 to add, 0 to change, 0 to destroy.");
    expect(text()).not.toContain("trimmed");
  });
});

describe("no changes after apply", () => {
  it("says so plainly, with no table", () => {
    expect(summary("no-changes")).toContain("\n**No changes.** The infrastructure matches the configuration.\n");
    expect(summary("no-changes")).not.toContain("| action |");
  });

  it("folds away what the refresh found that the plan does not use, as Terraform does", () => {
    expect(summary("no-changes")).not.toContain("#### Changed outside Terraform");
    expect(summary("no-changes")).toMatch(/<summary>Also found by the refresh: \d+ resources differ/);
  });
});

describe("an in-place update", () => {
  it("counts 1 to change, with the attribute before and after", () => {
    expect(summary("update")).toContain("\n**0 to add, 1 to change, 0 to replace, 0 to destroy.**\n");
    expect(row(summary("update"), "aws_ecs_service.example")).toBe(
      `| 🟡 update | ${resource("update", "aws_ecs_service.example")}<br>\`desired_count\`: \`2\` → \`3\` |`,
    );
  });

  it("draws the one resource", () => {
    expect(diagrams.get("update")?.nodes?.map((n) => [n.id, n.classes])).toEqual([
      ["aws_ecs_service_example", ["update"]],
    ]);
  });
});

describe("a replacement: the image tag changed in container_definitions", () => {
  const text = () => summary("replace");

  it("counts 1 to replace and calls it out first, with the attribute that forces it", () => {
    expect(text()).toContain("\n**0 to add, 0 to change, 1 to replace, 0 to destroy.**\n");
    const path = constructPath("replace", "aws_ecs_task_definition", "example");
    expect(text()).toContain(
      "> [!CAUTION]\n> **This plan replaces 1 resource.** Review these first:\n" +
        `> - 🟠 replace \`aws_ecs_task_definition.example\` (\`${path}\`), forced by \`container_definitions\`\n`,
    );
    expect(text().indexOf("[!CAUTION]")).toBeLessThan(text().indexOf("| action |"));
  });

  it("shows the changed tag by its path in the document, and nothing else but the fold", () => {
    expect(row(text(), "aws_ecs_task_definition.example")).toBe(
      `| 🟠 replace | ${resource("replace", "aws_ecs_task_definition.example")}<br>` +
        "**forces replacement:** `container_definitions`<br>" +
        '`container_definitions[0].image`: `"nginx:latest"`<br>&emsp;→ `"nginx:1.27.3"`<br>' +
        "_known after apply:_ `arn`, `arn_without_revision`, `enable_fault_injection`, `id`, `revision` |",
    );
  });

  it("prints none of Terraform's noise: no empty-versus-null, no AWS defaults, no cut JSON strings", () => {
    const line = row(text(), "aws_ecs_task_definition.example") ?? "";
    for (const noise of ["ipc_mode", "`tags`", "environment", "mountPoints", "volumesFrom", "`arn`:", '\\"']) {
      expect(line).not.toContain(noise);
    }
  });

  it("warns that the service, ignoring task_definition, keeps running its revision and image, and how to roll out", () => {
    expect(text()).toContain(
      "> [!WARNING]\n> **This apply does not change what the service runs.** " +
        "`aws_ecs_task_definition.example` is replaced: a new revision of `example` is registered with the new " +
        "container definitions, and the old one stays registered (`skip_destroy`). `aws_ecs_service.example` " +
        "ignores changes to `task_definition` (`lifecycle.ignore_changes`: releases deploy outside Terraform), so " +
        "it keeps running `example:1` (`nginx:latest`). The new definitions reach the service with the next " +
        "release: `npm run rollout -- ecs-fargate-dev` (the image it runs now, on Terraform's new revision).\n",
    );
  });

  it("draws the replaced task definition in its construct", () => {
    const diagram = diagrams.get("replace");
    expect(diagram?.nodes?.map((n) => [n.id, n.classes])).toEqual([["aws_ecs_task_definition_example", ["replace"]]]);
    expect(diagram?.subgraphs?.map((s) => s.nodes)).toEqual([["aws_ecs_task_definition_example"]]);
  });
});

describe("a destroy plan", () => {
  it("counts 37 to destroy and calls them out, the first 20 by name", () => {
    expect(summary("destroy")).toContain("\n**0 to add, 0 to change, 0 to replace, 37 to destroy.**\n");
    expect(summary("destroy")).toContain("> **This plan destroys 37 resources.** Review these first:\n");
    expect(summary("destroy").match(/^> - 🔴 destroy /gm)).toHaveLength(20);
    expect(summary("destroy")).toContain("> - … and 17 more: see the table.\n");
    expect(summary("destroy").match(/^\| 🔴 destroy \| /gm)).toHaveLength(37);
  });

  it("colours every node as destroyed", () => {
    expect(new Set(diagrams.get("destroy")?.nodes?.flatMap((n) => n.classes))).toEqual(new Set(["destroy"]));
  });
});

describe("drift: the log group's retention changed with the AWS SDK", () => {
  it("lists the change outside Terraform apart from the plan's own change", () => {
    const path = constructPath("drift", "aws_cloudwatch_log_group", "for_ecs");
    expect(summary("drift")).toContain(
      "#### Changed outside Terraform\n\nSince the last apply, 1 resource was changed outside Terraform.",
    );
    const where = `\`aws_cloudwatch_log_group.for_ecs\`<br><sub>\`${path}\`</sub>`;
    expect(summary("drift")).toContain(`| 🟡 changed | ${where}<br>\`retention_in_days\`: \`180\` → \`30\` |`);
    expect(row(summary("drift"), "aws_cloudwatch_log_group.for_ecs")).toBe(
      `| 🟡 update | ${where}<br>\`retention_in_days\`: \`30\` → \`180\` |`,
    );
  });
});

describe("a move (a moved block)", () => {
  it("counts the move and shows where the resource moves from, with nothing else changing", () => {
    expect(summary("move")).toContain("\n**0 to add, 0 to change, 0 to replace, 0 to destroy, 1 to move.**\n");
    expect(row(summary("move"), "aws_ecs_cluster.main")).toBe(
      `| 🔵 move | ${resource("move", "aws_ecs_cluster.main")}<br>moved from \`aws_ecs_cluster.example\` |`,
    );
    expect(diagrams.get("move")?.nodes?.map((n) => n.classes)).toEqual([["move"]]);
  });
});

describe("an import (an import block)", () => {
  it("counts the import and shows the id", () => {
    expect(summary("import")).toContain("\n**0 to add, 0 to change, 0 to replace, 0 to destroy, 1 to import.**\n");
    expect(row(summary("import"), "aws_cloudwatch_log_group.for_ecs")).toBe(
      `| 🔵 import | ${resource("import", "aws_cloudwatch_log_group.for_ecs")}<br>imported, id \`/ecs/example\` |`,
    );
  });
});

describe("a plan that failed", () => {
  const error = fs.readFileSync(fixtureFile("failed", "plan-error.txt"), "utf8");
  const text = renderSummary({ stack: STACK, commit: "0123abc", error, configuration: fixtureConfiguration("failed") });

  it("shows Terraform's error under the headline, and no table", () => {
    expect(
      text.startsWith(`${markerLine(STACK)}\n### Terraform plan: \`ecs-fargate-dev\`\n\ncommit \`0123abc\`\n`),
    ).toBe(true);
    expect(text).toContain("> [!CAUTION]\n> **The plan failed.** Nothing was planned for this stack");
    expect(text).toContain('Error: expected "source_json" to be an empty string: got {"Version":"2012-10-17"}');
    expect(text).toContain("```text\n");
    expect(text).not.toContain("| action |");
  });

  it("says so even when Terraform printed nothing", () => {
    expect(renderSummary({ stack: STACK, error: "" })).toContain("(Terraform printed nothing)");
  });
});

describe("sensitive values", () => {
  const plans: [Scenario, PlanJson][] = [
    ["sensitive-create", fixturePlan("sensitive-create")],
    ["sensitive-update", fixturePlan("sensitive-update")],
  ];

  it("are really in the plans (so that the checks below can fail)", () => {
    const json = plans.map(([s]) => fs.readFileSync(fixtureFile(s, "plan.json"), "utf8")).join("\n");
    for (const secret of FIXTURE_SECRETS) expect(json).toContain(secret);
    // Terraform's own text leaks a value derived from the secret (in tags_all, which the provider computes).
    expect(fixtureText("sensitive-create")).toContain('"rotation" = "fixture-"');
  });

  it.each(plans)("%s: no sensitive value appears anywhere in the summary", (scenario, plan) => {
    const text = summary(scenario);
    for (const secret of [...FIXTURE_SECRETS, ...sensitiveStrings(plan)]) expect(text).not.toContain(secret);
  });

  it("a created parameter's value and its sensitive tag print as (sensitive)", () => {
    expect(row(summary("sensitive-create"), "aws_ssm_parameter.db_password")).toBe(
      "| 🟢 create | `aws_ssm_parameter.db_password`<br><sub>`sensitive/db_password`</sub><br>" +
        '`name` = `"/example/db/password"`<br>`tags` = `{"owner":"plan-review","rotation":"(sensitive)"}`<br>' +
        '`type` = `"SecureString"`<br>`value` = `(sensitive)` |',
    );
    expect(summary("sensitive-create")).toContain('+ "rotation" = "(sensitive)"');
  });

  it("a changed value prints as (sensitive) on both sides", () => {
    expect(row(summary("sensitive-update"), "aws_ssm_parameter.db_password")).toContain(
      "`value`: `(sensitive)` → `(sensitive)`",
    );
  });

  it("the secret stays out of a failed plan's error text too", () => {
    const text = renderSummary({ stack: STACK, plan: plans[1]?.[1], planText: `oops ${FIXTURE_SECRETS[1]}` });
    expect(text).not.toContain(FIXTURE_SECRETS[1]);
  });
});

describe("a plan too large for one comment", () => {
  // Four full creates' worth of plan text: about 150,000 characters.
  const large = Array.from({ length: 4 }, () => fixtureText("create")).join("\n");
  const text = summaryOf("create", { planText: large });

  it("is trimmed under the limit, counting characters as GitHub does (conservatively)", () => {
    expect(large.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT * 2);
    expect(commentLength(text)).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });

  it("keeps the head and the tail of the plan, and says plainly where the full plan is", () => {
    const block = text.slice(text.indexOf("```text\n"));
    expect(block.startsWith("```text\n\nTerraform used the selected providers")).toBe(true);
    const lastLine = large.trimEnd().split("\n").at(-1) ?? "";
    expect(lastLine).not.toBe("");
    expect(block).toContain(`\n${lastLine}\n\`\`\`\n`);
    expect(block).toMatch(/\n… [\d,]+ lines trimmed here …\n/);
    expect(text).toMatch(
      new RegExp(
        `_The plan text is trimmed to fit GitHub's comment limit: [\\d,]+ lines of [\\d,]+ are left out in the middle\\. ${LOCATION.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}_`,
      ),
    );
  });

  it("keeps the summary itself whole", () => {
    expect(text.split("\n").filter((l) => l.startsWith("| 🟢 create |"))).toHaveLength(37);
    expect(text).toContain("```mermaid");
  });

  it.each([1_000, 2_500, 6_000])("stays within any budget (%i), whatever the plan", (budget) => {
    for (const scenario of PLANNED) {
      expect({ scenario, fits: commentLength(summaryOf(scenario, { planText: large, budget })) <= budget }).toEqual({
        scenario,
        fits: true,
      });
    }
  });

  it("gives up detail, never the limit, when even the summary is too long", () => {
    const tight = summaryOf("create", { planText: large, budget: 4_000 });
    expect(commentLength(tight)).toBeLessThanOrEqual(4_000);
    expect(tight).toContain("**37 to add, 0 to change, 0 to replace, 0 to destroy.**");
    expect(tight).toContain("left out to fit the comment: see the full plan.");
  });
});
