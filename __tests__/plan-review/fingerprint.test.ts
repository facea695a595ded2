// The reviewed plan's fingerprint on real plans (the fixtures): what moves it and what does not,
// exactly as plan-review/fingerprint.ts's header says; and the comment's marker that carries it.
import {
  canonicalJson,
  fingerprint,
  fingerprintEntries,
  markerText,
  MAX_MARKED_ENTRIES,
  readMarker,
  verificationOf,
} from "../../plan-review/fingerprint";
import { PlanJson } from "../../plan-review/plan-json";
import { FIXTURE_SECRETS, fixturePlan, Scenario, SCENARIOS } from "./fixtures";

const PLANNED = SCENARIOS.filter((s) => s !== "failed");

/** A deep copy to edit. */
function copy(scenario: Scenario): any {
  return JSON.parse(JSON.stringify(fixturePlan(scenario)));
}

function change(plan: any, address: string): any {
  const found = plan.resource_changes.find((c: any) => c.address === address);
  if (!found) throw new Error(`${address} is not in the plan`);
  return found.change;
}

/** The same JSON with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reversedKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

describe("the fingerprint", () => {
  it.each(PLANNED)("%s: is sha256 hex, the same for the same plan, whatever the key order", (scenario) => {
    const value = fingerprint(fixturePlan(scenario));
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint(reversedKeys(fixturePlan(scenario)) as PlanJson)).toBe(value);
  });

  it("tells every scenario apart", () => {
    const values = new Map(PLANNED.map((s) => [s, fingerprint(fixturePlan(s))]));
    expect(new Set(values.values()).size).toBe(PLANNED.length);
    expect(fingerprint({})).not.toBe(values.get("create"));
  });

  describe("does not move with what the refresh found but the plan does not change", () => {
    it("a plan with no changes fingerprints as an empty plan: its 20 drifted resources do not count", () => {
      const plan = fixturePlan("no-changes");
      expect(plan.resource_drift?.length).toBe(20);
      expect(fingerprint(plan)).toBe(fingerprint({ resource_changes: [], output_changes: {} }));
    });

    it("resource_drift, prior_state, relevant_attributes and the Terraform version are not part of it", () => {
      const plan = copy("update");
      const before = fingerprint(plan);
      delete plan.resource_drift;
      delete plan.prior_state;
      delete plan.relevant_attributes;
      plan.terraform_version = "1.99.0";
      plan.timestamp = "2026-11-28T00:00:00Z";
      expect(fingerprint(plan)).toBe(before);
    });

    it("an attribute the update leaves alone, refreshed to another value on both sides", () => {
      const plan = copy("update");
      const before = fingerprint(plan);
      const service = change(plan, "aws_ecs_service.example");
      service.before.health_check_grace_period_seconds = 999;
      service.after.health_check_grace_period_seconds = 999;
      expect(fingerprint(plan)).toBe(before);
    });

    it("a destroyed resource's values", () => {
      const plan = copy("destroy");
      const before = fingerprint(plan);
      change(plan, "aws_cloudwatch_log_group.for_ecs").before.retention_in_days = 1;
      expect(fingerprint(plan)).toBe(before);
    });

    it("null versus an empty list or map, on either side", () => {
      const plan = copy("update");
      const before = fingerprint(plan);
      const service = change(plan, "aws_ecs_service.example");
      service.before.tags = null;
      service.after.tags = {};
      service.before.capacity_provider_strategy = [];
      service.after.capacity_provider_strategy = null;
      expect(fingerprint(plan)).toBe(before);
    });

    it("no-op outputs and no-op resources, whatever their values", () => {
      const plan = copy("update");
      const before = fingerprint(plan);
      plan.output_changes.vpc_id.before = "vpc-other";
      plan.output_changes.vpc_id.after = "vpc-other";
      change(plan, "aws_vpc.example").before.cidr_block = "10.9.0.0/16";
      expect(fingerprint(plan)).toBe(before);
    });
  });

  describe("moves with what the plan will do", () => {
    const moves = (scenario: Scenario, edit: (plan: any) => void) => {
      const plan = copy(scenario);
      const before = fingerprint(plan);
      edit(plan);
      return fingerprint(plan) !== before;
    };

    it.each<[string, Scenario, (plan: any) => void]>([
      [
        "a changed value (desired_count 3 -> 4)",
        "update",
        (p) => (change(p, "aws_ecs_service.example").after.desired_count = 4),
      ],
      [
        "the value it changes from (the refresh moved the before of a changed attribute)",
        "update",
        (p) => (change(p, "aws_ecs_service.example").before.desired_count = 1),
      ],
      ["a created resource's value", "create", (p) => (change(p, "aws_vpc.example").after.cidr_block = "10.1.0.0/16")],
      [
        "a value becoming known only after apply",
        "update",
        (p) => (change(p, "aws_ecs_service.example").after_unknown.desired_count = true),
      ],
      [
        "the actions (an update becoming a replacement)",
        "update",
        (p) => (change(p, "aws_ecs_service.example").actions = ["delete", "create"]),
      ],
      [
        "what forces the replacement",
        "replace",
        (p) => (change(p, "aws_ecs_task_definition.example").replace_paths = [["family"]]),
      ],
      [
        "Terraform's reason",
        "replace",
        (p) =>
          (p.resource_changes.find((c: any) => c.address === "aws_ecs_task_definition.example").action_reason =
            "replace_because_tainted"),
      ],
      [
        "a move's previous address",
        "move",
        (p) =>
          (p.resource_changes.find((c: any) => c.address === "aws_ecs_cluster.main").previous_address =
            "aws_ecs_cluster.other"),
      ],
      ["an import's id", "import", (p) => (change(p, "aws_cloudwatch_log_group.for_ecs").importing.id = "/ecs/other")],
      ["a resource no longer changing", "update", (p) => (change(p, "aws_ecs_service.example").actions = ["no-op"])],
      ["a no-op resource starting to change", "update", (p) => (change(p, "aws_vpc.example").actions = ["update"])],
      [
        "a created output's value",
        "create",
        (p) => {
          p.output_changes.vpc_id.after_unknown = false;
          p.output_changes.vpc_id.after = "vpc-1";
        },
      ],
      ["a destroyed resource's address", "destroy", (p) => (p.resource_changes = p.resource_changes.slice(1))],
    ])("%s", (_what, scenario, edit) => {
      expect(moves(scenario, edit)).toBe(true);
    });
  });

  describe("sensitive values enter only as changed, never as a value or a hash of one", () => {
    const [v1, v2] = FIXTURE_SECRETS;
    const withSecret = (scenario: Scenario, from: string, to: string): PlanJson =>
      JSON.parse(JSON.stringify(fixturePlan(scenario)).split(from).join(to)) as PlanJson;

    it("no entry holds a secret, in any scenario", () => {
      for (const scenario of PLANNED) {
        const text = canonicalJson(fingerprintEntries(fixturePlan(scenario)));
        for (const secret of FIXTURE_SECRETS) expect([scenario, text.includes(secret)]).toEqual([scenario, false]);
      }
    });

    it("a guess cannot be tested: the same plan with another secret has the same fingerprint", () => {
      const created = fingerprint(fixturePlan("sensitive-create"));
      expect(fingerprint(withSecret("sensitive-create", v1, "a-guess-of-the-secret-0000"))).toBe(created);
      const updated = fingerprint(fixturePlan("sensitive-update"));
      expect(fingerprint(withSecret("sensitive-update", v2, "another-guess-1111111111"))).toBe(updated);
    });

    it("but whether it changes does: an update that leaves the secret alone differs from one that changes it", () => {
      const unchanged = withSecret("sensitive-update", v2, v1);
      expect(fingerprint(unchanged)).not.toBe(fingerprint(fixturePlan("sensitive-update")));
      const entry = fingerprintEntries(fixturePlan("sensitive-update")).find(
        (e) => e.address === "aws_ssm_parameter.db_password",
      );
      expect(entry?.leaves).toContainEqual([["value"], "changed"]);
    });
  });
});

describe("the marker", () => {
  const verification = verificationOf(fixturePlan("replace"), {
    base: "1111111111111111111111111111111111111111",
    head: "2222222222222222222222222222222222222222",
  });

  it("carries the stack, the fingerprint, the base and head commits, and one digest per address", () => {
    const text = markerText("ecs-fargate-dev", verification);
    const [marker, ...rest] = text.split("\n");
    expect(marker).toBe(
      `<!-- plan-review:stack=ecs-fargate-dev fingerprint=${verification.fingerprint} ` +
        "base=1111111111111111111111111111111111111111 head=2222222222222222222222222222222222222222 -->",
    );
    expect(rest).toEqual([
      "<!-- plan-review:entries",
      expect.stringMatching(/^[0-9a-f]{16} delete,create aws_ecs_task_definition\.example$/),
      "-->",
    ]);
  });

  it("is read back from a comment holding other stacks' markers too", () => {
    const other = markerText("ecs-fargate-prod", verificationOf(fixturePlan("update")));
    const comment = `${other}\n### other\n\n${markerText("ecs-fargate-dev", verification)}\n### Terraform plan`;
    expect(readMarker(comment, "ecs-fargate-dev")).toEqual(verification);
    expect(readMarker(comment, "ecs-fargate-prod")?.entries).toEqual([
      expect.objectContaining({ address: "aws_ecs_service.example", actions: "update" }),
    ]);
  });

  it("without a verification is the plain marker that names the stack, and reads back as no reviewed plan", () => {
    expect(markerText("ecs-fargate-dev")).toBe("<!-- plan-review:stack=ecs-fargate-dev -->");
    expect(readMarker(markerText("ecs-fargate-dev"), "ecs-fargate-dev")).toBeUndefined();
    expect(readMarker("no marker at all", "ecs-fargate-dev")).toBeUndefined();
  });

  it("never holds `--`, which would end the HTML comment early", () => {
    const text = markerText("a--b", verification);
    expect(text.replace(/<!--|-->/g, "")).not.toContain("--");
    expect(readMarker(text, "a--b")?.fingerprint).toBe(verification.fingerprint);
  });

  it("leaves the list out of a very large plan, keeping the fingerprint", () => {
    const create = verificationOf(fixturePlan("create"));
    const large = { ...create, entries: Array.from({ length: MAX_MARKED_ENTRIES + 1 }, () => create.entries![0]!) };
    const text = markerText("big", large);
    expect(text.split("\n")[1]).toBe(`<!-- plan-review:entries omitted=${MAX_MARKED_ENTRIES + 1} -->`);
    expect(readMarker(text, "big")).toEqual({
      fingerprint: create.fingerprint,
      base: undefined,
      head: undefined,
      entries: undefined,
    });
  });
});
