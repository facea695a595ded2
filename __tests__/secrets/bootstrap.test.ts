import { prod } from "../../config/environments/prod";
import { describeSecrets, parametersToBootstrap } from "../../secrets/bootstrap";

describe("bootstrap:secrets", () => {
  it("creates the parameters prod names and does not manage", () => {
    expect(parametersToBootstrap(prod, "123456789012")).toEqual([
      { name: "/example-prod/app/secret", outcome: "created", detail: "" },
    ]);
  });

  it("leaves parameters of another account or region to them, and skips Secrets Manager", () => {
    const settings = {
      ...prod,
      secrets: {
        existingParameters: [
          "arn:aws:ssm:ap-northeast-1:210987654321:parameter/shared/key",
          "arn:aws:ssm:ap-northeast-1:123456789012:parameter/own/key",
          "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:example/api-token-AbCdEf",
        ],
      },
    };
    expect(parametersToBootstrap(settings, "123456789012")).toEqual([
      {
        name: "arn:aws:ssm:ap-northeast-1:210987654321:parameter/shared/key",
        outcome: "not ours",
        detail: "another account's or region's: created there",
      },
      { name: "/own/key", outcome: "created", detail: "" },
    ]);
  });

  it("tells how to set each created value, never showing one", () => {
    expect(
      describeSecrets("ecs-fargate-prod", [
        { name: "/a", outcome: "created", detail: 'SecureString holding "uninitialized"' },
        { name: "/bb", outcome: "already there", detail: "SecureString, left as it is" },
      ]),
    ).toBe(
      [
        "ecs-fargate-prod: the parameters its containers read",
        '  /a   created        SecureString holding "uninitialized"',
        "  /bb  already there  SecureString, left as it is",
        "set each value:",
        "  aws ssm put-parameter --name /a --type SecureString --value '<the value>' --overwrite",
        "",
      ].join("\n"),
    );
  });
});
