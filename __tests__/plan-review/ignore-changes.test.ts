// The rollout warning when the service runs a revision a release registered: the plan holds that
// revision's ARN (the service's refreshed `task_definition`) but not its image.
import { reviewPlan } from "../../plan-review/review";
import { renderSummary } from "../../plan-review/summary";
import { fixtureConfiguration, fixturePlan } from "./fixtures";

describe("the rollout warning", () => {
  it("names the revision the service runs when a release registered it, and where to read its image", () => {
    const plan = fixturePlan("replace");
    const service = plan.resource_changes?.find((c) => c.address === "aws_ecs_service.example");
    const before = service?.change.before as Record<string, unknown>;
    before.task_definition = String(before.task_definition).replace(/example:\d+$/, "example:7");
    const [warning] = reviewPlan(plan, fixtureConfiguration("replace")).consequences;
    expect(warning?.message).toContain(
      "so it keeps running `example:7`, not Terraform's revision (`npm run releases -- ecs-fargate-dev` names its image).",
    );
    expect(warning?.message).not.toContain("nginx:latest");
  });
});

/** A fixture plan whose service runs `example:<revision>`, a revision no task definition of the plan is. */
function onRelease(scenario: "replace" | "no-changes" | "update", revision: number) {
  const plan = fixturePlan(scenario);
  const service = plan.resource_changes?.find((c) => c.address === "aws_ecs_service.example");
  const before = service?.change.before as Record<string, unknown>;
  const arn = String(before.task_definition).replace(/example:\d+$/, `example:${revision}`);
  before.task_definition = arn;
  const after = service?.change.after as Record<string, unknown> | null;
  if (after) after.task_definition = arn;
  return { plan, arn };
}

describe("a service on a release's revision", () => {
  it("the rollout warning names the release's image when the planner looked it up", () => {
    const { plan, arn } = onRelease("replace", 7);
    const images = new Map([[arn, "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example@sha256:ab12"]]);
    const [warning] = reviewPlan(plan, fixtureConfiguration("replace"), images).consequences;
    expect(warning?.message).toContain(
      "so it keeps running `example:7` (`123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example@sha256:ab12`, a release's revision).",
    );
  });

  it("is listed with its image, so that a plan with no changes still says what runs", () => {
    const { plan, arn } = onRelease("no-changes", 4);
    const review = reviewPlan(plan, fixtureConfiguration("no-changes"), new Map([[arn, "nginx:1.27.3"]]));
    expect(review.released).toEqual([
      { address: "aws_ecs_service.example", arn, revision: "example:4", image: "nginx:1.27.3" },
    ]);
    const summary = renderSummary({
      stack: "ecs-fargate-dev",
      plan,
      configuration: fixtureConfiguration("no-changes"),
      runningImages: new Map([[arn, "nginx:1.27.3"]]),
    });
    expect(summary).toContain("**No changes.** The infrastructure matches the configuration.");
    expect(summary).toContain(
      "Running now, deployed by a release: `aws_ecs_service.example` runs `example:4` (`nginx:1.27.3`). Releases " +
        "change it (`npm run rollout -- ecs-fargate-dev`, history: `npm run releases -- ecs-fargate-dev`), not this plan.",
    );
  });

  it("is not listed while the service runs Terraform's own revision", () => {
    expect(reviewPlan(fixturePlan("no-changes"), fixtureConfiguration("no-changes")).released).toEqual([]);
    expect(
      renderSummary({
        stack: "ecs-fargate-dev",
        plan: fixturePlan("no-changes"),
        configuration: fixtureConfiguration("no-changes"),
      }),
    ).not.toContain("Running now");
  });
});
