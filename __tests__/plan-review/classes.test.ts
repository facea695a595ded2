// Plans the summary must tell truthfully (issue 18): shapes of Terraform 0.15 to 1.14 that the
// project's Terraform cannot produce, hand-written in fixtures/classes/ (see its README).
import { reviewPlan } from "../../plan-review/review";
import { renderSummary } from "../../plan-review/summary";
import { classPlan } from "./fixtures";

const NO_CHANGES = "The infrastructure matches the configuration.";

function summary(name: string, planText?: string): string {
  return renderSummary({ stack: "classes", plan: classPlan(name), planText });
}

/** The table row whose second cell opens with the address. */
function row(text: string, address: string): string | undefined {
  return text.split("\n").find((line) => line.startsWith("| ") && line.includes(`| \`${address}\`<br>`));
}

describe("a plan that stopped at an error (errored: true)", () => {
  it("is never summarized as a clean plan", () => {
    expect(summary("errored")).not.toContain(NO_CHANGES);
    expect(summary("errored")).not.toContain("**No changes.**");
  });

  it("says first that Terraform stopped at an error", () => {
    expect(summary("errored")).toContain(
      "> [!CAUTION]\n> **This plan is incomplete: Terraform stopped at an error** (`errored: true`).",
    );
    expect(summary("errored")).toContain("**Nothing was planned before the error.** This is not a clean plan.");
    expect(reviewPlan(classPlan("errored")).status).toBe("errored");
  });
});

describe("an incomplete plan (complete: false)", () => {
  it("is never summarized as a clean plan, and says that more changes follow", () => {
    expect(summary("incomplete")).not.toContain(NO_CHANGES);
    expect(summary("incomplete")).toContain(
      "> [!WARNING]\n> **This plan is incomplete** (`complete: false`): Terraform deferred some changes to a later plan.",
    );
    expect(summary("incomplete")).toContain("**No changes in this round**, but the plan is incomplete (above).");
  });
});

describe("a move found by the refresh (resource_drift with previous_address)", () => {
  it("is shown, with both addresses, and the summary does not say the infrastructure matches", () => {
    const text = summary("drift-move");
    expect(text).not.toContain(NO_CHANGES);
    expect(text).toContain("#### Changed outside Terraform");
    expect(text).toContain("A move the refresh found is recorded in the state by the next apply.");
    expect(row(text, "aws_ecs_cluster.main")).toBe(
      "| 🔵 moved | `aws_ecs_cluster.main`<br>found by the refresh under `aws_ecs_cluster.example` |",
    );
  });
});

describe("an import by identity, without an id (Terraform 1.13)", () => {
  it("is counted and named in its row, identity attribute by attribute", () => {
    const text = summary("import-identity");
    expect(text).toContain("**0 to add, 0 to change, 0 to replace, 0 to destroy, 1 to import.**");
    expect(row(text, "aws_cloudwatch_log_group.for_ecs")).toBe(
      "| 🔵 import | `aws_cloudwatch_log_group.for_ecs`<br>imported by identity:<br>" +
        '&emsp;`account_id` = `"123456789012"`<br>&emsp;`name` = `"/ecs/example"`<br>' +
        '&emsp;`region` = `"ap-northeast-1"` |',
    );
  });
});

describe("action_invocations (Terraform 1.14)", () => {
  const text = summary("actions");

  it("are counted in the headline and listed with what triggers them", () => {
    expect(text).toContain("**0 to add, 1 to change, 0 to replace, 0 to destroy, 1 action to invoke.**");
    expect(text).toContain(
      "#### Actions the apply invokes\n\n| action | what runs, and when |\n| --- | --- |\n" +
        "| ⚡ invoke | `action.aws_lambda_invoke.notify`<br>on `after_update of aws_ecs_service.example`<br>" +
        'config `{"function_name":"deploy-notifier","payload":"(sensitive)"}` |',
    );
  });

  it("never show a sensitive part of an action's configuration", () => {
    expect(text).not.toContain("action-secret-4f1e9a77");
  });

  it("alone are a change, not a clean plan", () => {
    const plan = { ...classPlan("actions"), resource_changes: [] };
    const alone = renderSummary({ stack: "classes", plan });
    expect(alone).not.toContain(NO_CHANGES);
    expect(alone).toContain("1 action to invoke.");
  });
});

describe('the action pair ["create", "forget"] (Terraform 1.14)', () => {
  it("is a replacement that forgets the current object instead of destroying it", () => {
    const text = summary("create-forget");
    expect(text).toContain("**0 to add, 0 to change, 1 to replace, 0 to destroy.**");
    expect(row(text, "aws_cloudwatch_log_group.for_ecs")).toBe(
      "| 🟠 replace | `aws_cloudwatch_log_group.for_ecs`<br>" +
        "_the current object is forgotten (left in AWS, dropped from the state), not destroyed_<br>" +
        "`retention_in_days`: `180` → `30` |",
    );
  });
});

describe("a drift entry without an address (Terraform 0.15.4 to 1.0.0)", () => {
  it("does not crash the summary, and is named by its parts", () => {
    const text = summary("drift-no-address");
    expect(text).toContain("| 🟡 changed | `aws_cloudwatch_log_group.for_ecs`<br>`retention_in_days`: `180` → `30` |");
  });
});

describe("a secret that is an ordinary word (`secret`)", () => {
  // Terraform's own text, as it would print an unmarked copy of the word beside structure holding it.
  const planText = [
    "  # aws_ssm_parameter.secret will be updated in-place",
    '  ~ resource "aws_ssm_parameter" "secret" {',
    "      ~ tags        = {",
    '          ~ "secret"     = "rotated-by-hand" -> "secret"',
    '          ~ "secret_key" = "a" -> "b"',
    "        }",
    '      ~ tags_all    = { "secret" = "secret" }',
    '        description = "the secret"',
    "    }",
    "",
    "Plan: 0 to add, 1 to change, 0 to destroy.",
  ].join("\n");
  const text = summary("word-secret", planText);

  it("leaves the addresses, attribute paths, keys and the table's structure alone", () => {
    expect(row(text, "aws_ssm_parameter.secret")).toBe(
      "| 🟡 update | `aws_ssm_parameter.secret`<br>`tags.secret`: `(sensitive)` → `(sensitive)`<br>" +
        '`tags.secret_key`: `"a"` → `"b"`<br>`value`: `(sensitive)` → `(sensitive)` |',
    );
    expect(text).toContain('aws_ssm_parameter_secret["~ aws_ssm_parameter.secret"]');
    expect(text).toContain(
      '  # aws_ssm_parameter.secret will be updated in-place\n  ~ resource "aws_ssm_parameter" "secret" {',
    );
    expect(text).toContain('          ~ "secret_key" = "a" -> "b"');
  });

  it("scrubs the word where it stands as a value", () => {
    // ("rotated-by-hand" is the tag's previous value, sensitive too: the tag is marked.)
    expect(text).toContain('          ~ "secret"     = "(sensitive)" -> "(sensitive)"');
    expect(text).toContain('      ~ tags_all    = { "secret" = "(sensitive)" }');
    expect(text).not.toMatch(/= "secret"/);
  });
});
