// The role EventBridge assumes to run the scheduled tasks: the book's module "ecs_events_role".
import { ECS_EVENTS_MANAGED_POLICY_ARN, EcsEventsRole, EcsEventsRoleProps } from "../../../constructs/ecs";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

function build(overrides: Partial<EcsEventsRoleProps> = {}) {
  const stack = testStack();
  const role = new EcsEventsRole(stack, "ecsEventsRole", { name: "ecs-events", ...overrides });
  return { stack, role, json: synthJson(stack) };
}

describe("EcsEventsRole", () => {
  describe("defaults", () => {
    it("has the book's addresses: the managed policy's data source and the iam_role module instance ecs_events_role", () => {
      expect(addresses(build().json)).toEqual([
        "aws_iam_policy.ecs_events_role",
        "aws_iam_role.ecs_events_role",
        "aws_iam_role_policy_attachment.ecs_events_role",
        "data.aws_iam_policy.ecs_events_role_policy",
        "data.aws_iam_policy_document.ecs_events_role_assume_role",
      ]);
    });

    it("reads the AWS managed AmazonEC2ContainerServiceEventsRole and makes it the module's policy, as the book does", () => {
      const { json } = build();
      expect(dataSource(json, "aws_iam_policy", "ecs_events_role_policy")).toEqual({
        arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole",
      });
      expect(ECS_EVENTS_MANAGED_POLICY_ARN).toBe(
        "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole",
      );
      expect(resource(json, "aws_iam_policy", "ecs_events_role")).toEqual({
        name: "ecs-events",
        policy: "${data.aws_iam_policy.ecs_events_role_policy.policy}",
      });
    });

    it("may be assumed by EventBridge (events.amazonaws.com) only", () => {
      const { json } = build();
      expect(dataSource(json, "aws_iam_policy_document", "ecs_events_role_assume_role").statement).toEqual([
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }] },
      ]);
      expect(resource(json, "aws_iam_role", "ecs_events_role").name).toBe("ecs-events");
    });

    it("exposes the role's ARN and name", () => {
      const { stack, role } = build();
      expect(resolved(stack, role.iamRoleArn)).toBe("${aws_iam_role.ecs_events_role.arn}");
      expect(resolved(stack, role.iamRoleName)).toBe("${aws_iam_role.ecs_events_role.name}");
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("takes the name of the stack's environment", () => {
      expect(resource(build({ name: "ecs-events-prod" }).json, "aws_iam_role", "ecs_events_role").name).toBe(
        "ecs-events-prod",
      );
    });

    it("gives a second role addresses of its own", () => {
      const stack = testStack();
      new EcsEventsRole(stack, "ecsEventsRole", { name: "ecs-events" });
      new EcsEventsRole(stack, "reports", { name: "ecs-events-reports" });
      expect(addresses(synthJson(stack)).filter((a) => a.includes("reports"))).toEqual([
        "aws_iam_policy.reports_ecs_events_role",
        "aws_iam_role.reports_ecs_events_role",
        "aws_iam_role_policy_attachment.reports_ecs_events_role",
        "data.aws_iam_policy.reports_ecs_events_role_policy",
        "data.aws_iam_policy_document.reports_ecs_events_role_assume_role",
      ]);
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("validation", () => {
    it.each<[string, string]>([
      ["a space", "ecs events"],
      ["65 characters", "e".repeat(65)],
      ["nothing", ""],
    ])("names the role's name with %s", (_, name) => {
      expect(validationErrors(build({ name }).stack)).toEqual([
        `test/ecsEventsRole/ecs_events_role: \`name\` must be 1 to 64 characters of letters, digits and +=,.@_-, got: ${JSON.stringify(name)}`,
      ]);
    });

    it("refuses the book's addresses for a second role", () => {
      const stack = testStack();
      new EcsEventsRole(stack, "ecsEventsRole", { name: "ecs-events" });
      new EcsEventsRole(stack, "reports", { name: "ecs-events-reports", terraformNames: "note" });
      expect(validationErrors(stack)).toEqual([
        'test/reports: `terraformNames` must be "own": test/ecsEventsRole already has the note\'s addresses, got: "note"',
      ]);
    });
  });
});
