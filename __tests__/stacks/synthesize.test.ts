import { EnvironmentSettings, RuntimeSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { addEnvironmentStacks } from "../../stacks/app";
import { settingsWith } from "../helpers/settings";
import { capturedStderr, synthesizeInFolder } from "../helpers/synth";

describe("synthesizeOrExplain", () => {
  const stderr = capturedStderr();

  function synth(environments: readonly EnvironmentSettings[], runtime: RuntimeSettings = {}) {
    const { printed, ...rest } = synthesizeInFolder(
      (app) => addEnvironmentStacks(app, environments, runtime),
      stderr(),
    );
    return { ...rest, stderr: printed };
  }

  it("writes one stack per environment, side by side, when every input is valid", () => {
    const { ok, stacks, files } = synth([dev, prod]);
    expect(ok).toBe(true);
    expect(stacks.map((s) => s.node.id)).toEqual(["ecs-fargate-dev", "ecs-fargate-prod"]);
    expect(files).toEqual([
      "manifest.json",
      "stacks/ecs-fargate-dev/cdk.tf.json",
      "stacks/ecs-fargate-prod/cdk.tf.json",
    ]);
    expect(process.exitCode).toBeUndefined();
  });

  it("prints every problem, one a line, fails the process and writes nothing", () => {
    const {
      ok,
      files,
      stderr: printed,
    } = synth([settingsWith({ service: { desiredCount: -1 }, logs: { retentionInDays: 100 } }), prod]);
    expect(ok).toBe(false);
    expect(printed).toBe(
      "2 problems in the stack's input; nothing was synthesized:\n" +
        "  config/environments/dev.ts: `logs.retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100\n" +
        "  config/environments/dev.ts: `service.desiredCount` must be a whole number from 0, got: -1\n",
    );
    expect(process.exitCode).toBe(1);
    expect(files).toEqual([]);
  });

  describe("an environment's own settings", () => {
    it.each<[string, EnvironmentSettings[], RuntimeSettings, string]>([
      [
        "an environment name that is not a valid stack name",
        [settingsWith({ environment: "Dev Env" })],
        {},
        'config/environments/*.ts: `environment` must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter, got: "Dev Env"',
      ],
      [
        "a stack name with a slash",
        [settingsWith({ stackName: "ecs/fargate" })],
        {},
        'config/environments/dev.ts: `stackName` must be 1 to 64 letters, digits, hyphens and underscores, starting with a letter (a CDKTF stack name and a folder name), got: "ecs/fargate"',
      ],
      [
        "two environments with one stack name",
        [dev, settingsWith({ stackName: "ecs-fargate-dev" }, prod)],
        {},
        'config/environments/prod.ts: `stackName` must differ from the one in config/environments/dev.ts, got: "ecs-fargate-dev"',
      ],
      [
        "a missing region",
        [settingsWith({ region: undefined })],
        {},
        "config/environments/dev.ts: `region` is required, got: undefined (missing, expected a string)",
      ],
      [
        "a state bucket name S3 would reject",
        [settingsWith({ state: { bucket: "My_State" } })],
        {},
        "config/environments/dev.ts: `state.bucket` must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, not an IP address, without '..' or a reserved prefix or suffix, got: \"My_State\"",
      ],
      [
        "a state bucket from TF_STATE_BUCKET that S3 would reject",
        [dev],
        { stateBucket: "ab" },
        "config/environments/dev.ts: `state.bucket` (from `TF_STATE_BUCKET`) must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, not an IP address, without '..' or a reserved prefix or suffix, got: \"ab\"",
      ],
      [
        "a state key starting with a slash",
        [settingsWith({ state: { bucket: "team-state", key: "/dev.tfstate" } })],
        {},
        'config/environments/dev.ts: `state.key` must be an S3 object key, not starting or ending with /, got: "/dev.tfstate"',
      ],
      [
        "HTTPS without its domain",
        [settingsWith({ loadBalancer: { https: { dns: undefined } } }, prod)],
        {},
        "config/environments/prod.ts: `loadBalancer.https.dns` is required, got: undefined (missing, expected an object)",
      ],
      [
        "a domain where it was before HTTPS held it",
        [settingsWith({ dns: { zoneName: "example.com", domainName: "app.example.com" } } as never)],
        {},
        'config/environments/dev.ts: `dns` is not a known setting: it moved to `loadBalancer.https.dns`, got: {"zoneName":"example.com","domainName":"app.example.com"}',
      ],
      [
        "ECS Exec on the service, where it was before the task role held it",
        [settingsWith({ service: { enableExecuteCommand: true } } as never)],
        {},
        "config/environments/dev.ts: `service.enableExecuteCommand` is not a known setting: it moved to `taskRole.enableExecuteCommand`, got: true",
      ],
    ])("fails on %s with one line, and writes nothing", (_, environments, runtime, line) => {
      const { ok, files, stderr: printed } = synth(environments, runtime);
      expect(ok).toBe(false);
      expect(printed).toBe(`1 problem in the stack's input; nothing was synthesized:\n  ${line}\n`);
      expect(files).toEqual([]);
    });

    it.each<[string, EnvironmentSettings, string]>([
      [
        "a domain outside the hosted zone",
        settingsWith({ loadBalancer: { https: { dns: { domainName: "app.example.org" } } } }, prod),
        'config/environments/prod.ts: `loadBalancer.https.dns.domainName` must be the zone example.com or a name under it, got: "app.example.org"',
      ],
      [
        "an SSM parameter ARN of another region",
        settingsWith(
          {
            secrets: {
              parameters: {},
              secrets: {
                APP_SECRET: { valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/example-prod/app/secret" },
              },
            },
          },
          prod,
        ),
        'config/environments/prod.ts: `secrets.secrets.APP_SECRET.valueFrom` must be in the stack\'s region (ap-northeast-1), not us-east-1, got: "arn:aws:ssm:us-east-1:123456789012:parameter/example-prod/app/secret"',
      ],
      [
        "an access-log retention of 0",
        settingsWith({ accessLogs: { expirationDays: 0 } }, prod),
        "config/environments/prod.ts: `accessLogs.expirationDays` must be a whole number from 1, got: 0",
      ],
    ])("fails on %s in prod with one line naming the construct and the setting", (_, settings, line) => {
      const { ok, stderr: printed, files } = synth([dev, settings]);
      expect(ok).toBe(false);
      expect(printed).toBe(`1 problem in the stack's input; nothing was synthesized:\n  ${line}\n`);
      expect(files).toEqual([]);
    });

    it("fails on CIDRs that overlap between settings, naming the environment's stack and the setting", () => {
      const {
        ok,
        stderr: printed,
        files,
      } = synth([settingsWith({ network: { publicSubnetCidrs: ["10.0.1.0/24", "10.0.65.0/25"] } })]);
      expect(ok).toBe(false);
      expect(printed).toBe(
        "1 problem in the stack's input; nothing was synthesized:\n" +
          '  config/environments/dev.ts: `network.privateSubnetCidrs[0]` must not overlap publicSubnetCidrs[1] (10.0.65.0/25), got: "10.0.65.0/24"\n',
      );
      expect(files).toEqual([]);
    });

    it.each(["my-team-state", "state.example.com", "a1b"])("accepts the state bucket %s", (bucket) => {
      expect(synth([settingsWith({ state: { bucket } })]).ok).toBe(true);
    });
  });
});
