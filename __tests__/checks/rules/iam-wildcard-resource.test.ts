import { iamWildcardResource } from "../../../checks/rules/iam-wildcard-resource";

const check = (statement: unknown) =>
  iamWildcardResource.check({ mode: "data", type: "aws_iam_policy_document", args: { statement } });

describe("iam-wildcard-resource", () => {
  it("passes statements that name their resources, and a Deny on everything", () => {
    expect(
      check([
        {
          effect: "Allow",
          actions: ["ssm:GetParameters"],
          resources: ["arn:aws:ssm:ap-northeast-1:123456789012:parameter/db/*"],
        },
        { effect: "Deny", actions: ["s3:*"], resources: ["*"] },
        { actions: ["logs:PutLogEvents"], resources: ["${aws_cloudwatch_log_group.for_ecs.arn}"] },
      ]),
    ).toEqual([]);
  });

  it("flags the note's Allow of ssm:GetParameters and kms:Decrypt on *", () => {
    expect(check([{ effect: "Allow", actions: ["ssm:GetParameters", "kms:Decrypt"], resources: ["*"] }])).toEqual([
      {
        message: "a statement allows ssm:GetParameters, kms:Decrypt on every resource (*)",
        fix: "name the resources: the parameter and key ARNs the tasks read (`taskExecutionRole` settings), not *",
      },
    ]);
  });

  it("leaves resource policies alone: in a key policy, * means the key itself", () => {
    expect(
      check([
        {
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
      ]),
    ).toEqual([]);
  });

  it("takes a statement without an effect for an Allow, as IAM does", () => {
    expect(check({ actions: ["kms:Decrypt"], resources: ["*"] })).toHaveLength(1);
  });
});
