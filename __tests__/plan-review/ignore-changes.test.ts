// The rollout warning when the service runs a revision a release registered: the plan holds that
// revision's ARN (the service's refreshed `task_definition`) but not its image.
import { reviewPlan } from "../../plan-review/review";
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
