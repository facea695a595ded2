// Integration: secrets in the shapes that leaked before (issue 18), on real plans made by the
// plan runner (plan-review/planner.ts) against a local endpoint: a long token (cut in the table)
// holding a pipe, a quote and a backslash (escaped by Markdown, JSON and HCL), its old value in a
// policy built by a data source (which nothing marks), a failed plan whose error echoes it; and
// tokens no provider marks, which only the masks know. Each output is checked: the summary, the
// comment file (plan.md) and plan.txt; the failure summary for the failed plan.
import * as fs from "fs";
import * as path from "path";
import { knownSecrets, planStack } from "../../plan-review/planner";
import { usePlanRunner } from "../helpers/plan-runner";
import { terraformOk } from "../helpers/terraform";

jest.setTimeout(240_000);

describe("the plan runner on secrets in every shape (integration)", () => {
  const runner = usePlanRunner("plan-secrets");
  const { written } = runner;

  describe("a token, and tokens only the masks know", () => {
    const stack = "hardening";
    const dir = () => path.join(runner.out(), "stacks", stack);
    // Long (the table cuts values at 60 characters), with a pipe, a quote and a backslash (escaped by
    // Markdown, JSON and HCL on the way), unique per run.
    const tokenOf = (tag: string) => `${tag}|"q\\-${process.pid}-${"a1b2c3d4e5".repeat(8)}-${Date.now()}`;
    const FIRST = tokenOf("first");
    const SECOND = tokenOf("second");
    // Unmarked tokens in plain attributes: nothing but the masks can know them.
    const GITHUB_TOKEN = `ghp_${"Q1w2E3r4T5y6".repeat(3)}`;
    const ACCESS_KEY = "AKIAZ7HARDENING0TEST";
    const PRIVATE_KEY =
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";

    /** Every run of 8 characters of a secret: no output may hold one. */
    const pieces = (secret: string) =>
      Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).filter((p) => !/^a1b2c3d4/.test(p));
    const leaks = (shown: string, secrets: readonly string[]) =>
      secrets.flatMap((secret) => [secret, ...pieces(secret)]).filter((piece) => shown.includes(piece));
    const escapedForms = (secret: string) => [
      JSON.stringify(secret).slice(1, -1),
      secret.replace(/\|/g, "\\|"),
      JSON.stringify(secret).slice(1, -1).replace(/\|/g, "\\|"),
    ];

    function configuration(kind = "SecureString") {
      const provider = {
        region: "ap-northeast-1",
        access_key: "test",
        secret_key: "test",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: "true",
        skip_region_validation: true,
        endpoints: [{ ssm: runner.emulator().url, sts: runner.emulator().url, iam: runner.emulator().url }],
      };
      return {
        terraform: { required_providers: { aws: { source: "aws", version: "5.100.0" } } },
        provider: { aws: [provider] },
        variable: { token: { type: "string", sensitive: true } },
        data: {
          aws_iam_policy_document: {
            // The token reaches the policy through a data source, whose `json` no schema marks sensitive.
            read: {
              statement: [
                {
                  actions: ["ssm:GetParameter"],
                  resources: ["*"],
                  condition: [{ test: "StringEquals", variable: "aws:ResourceTag/token", values: ["${var.token}"] }],
                },
              ],
            },
          },
        },
        resource: {
          aws_ssm_parameter: {
            // `tags` is marked (it holds the variable); `tags_all`, computed by the provider, is not.
            secret: { name: "/hardening/secret", type: kind, value: "${var.token}", tags: { token: "${var.token}" } },
            plain: {
              name: "/hardening/plain",
              type: "String",
              value: "plain",
              description: `deploy with ${GITHUB_TOKEN} as ${ACCESS_KEY}`,
              tags: { key: PRIVATE_KEY },
            },
          },
          aws_iam_policy: { read: { name: "hardening-read", policy: "${data.aws_iam_policy_document.read.json}" } },
        },
      };
    }

    const write = (json: unknown) => {
      fs.mkdirSync(dir(), { recursive: true });
      fs.writeFileSync(path.join(dir(), "cdk.tf.json"), JSON.stringify(json));
    };

    beforeAll(() => write(configuration()));

    it("creates: no output holds the token, a piece of it, or an escaped spelling; the masks hide the rest", async () => {
      process.env.TF_VAR_token = FIRST;
      const plan = await planStack(runner.out(), stack, "0123abc");
      expect(plan.code).toBe(2);
      const [comment, text, json] = written(stack);
      expect(json).toContain(GITHUB_TOKEN); // the plan really holds them (so that the checks below can fail)
      expect(json).toContain(JSON.stringify(FIRST).slice(1, -1));
      for (const [name, shown] of Object.entries({ summary: plan.summary, comment, text })) {
        expect({ name, leaks: leaks(shown, [FIRST, ...escapedForms(FIRST)]) }).toEqual({ name, leaks: [] });
        expect({
          name,
          leaks: leaks(shown, [GITHUB_TOKEN, ACCESS_KEY, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"]),
        }).toEqual({ name, leaks: [] });
        expect(shown).toContain("(masked: GitHub token)");
        expect(shown).toContain("(masked: AWS access key id)");
        expect(shown).toContain("(masked: private key)");
      }
      terraformOk(dir(), ["apply", "-input=false", "-auto-approve", "plan.tfplan"], { TF_VAR_token: FIRST });
    });

    it("changes: neither the old token (which the policy's diff shows unmarked) nor the new one shows, cut or whole", async () => {
      process.env.TF_VAR_token = SECOND;
      const plan = await planStack(runner.out(), stack, "0123abc");
      expect(plan.code).toBe(2);
      expect(plan.summary).toMatch(/`aws_iam_policy\.read`/);
      expect(plan.summary).toMatch(/`tags_all\.token`: `"\(sensitive\)"`/);
      const [comment, text] = written(stack);
      for (const [name, shown] of Object.entries({ summary: plan.summary, comment, text })) {
        const secrets = [FIRST, SECOND, ...escapedForms(FIRST), ...escapedForms(SECOND)];
        expect({ name, leaks: leaks(shown, secrets) }).toEqual({ name, leaks: [] });
      }
    });

    it("fails: Terraform's error text is scrubbed with the stack's variables and the state's secrets, and masked", async () => {
      // The provider's validation error echoes the offending value: here the token itself.
      write(configuration("${var.token}"));
      process.env.TF_VAR_token = SECOND;
      const plan = await planStack(runner.out(), stack, "0123abc");
      write(configuration());
      expect(plan.code).toBe(1);
      expect(plan.summary).toContain("**The plan failed.**");
      // The provider echoed the value it rejected: the token, scrubbed.
      expect(plan.summary).toContain(
        'Error: expected type to be one of ["String" "StringList" "SecureString"], got (sensitive)',
      );
      const comment = fs.readFileSync(path.join(dir(), "plan.md"), "utf8");
      for (const shown of [plan.summary, comment]) {
        expect(leaks(shown, [FIRST, SECOND, ...escapedForms(SECOND)])).toEqual([]);
        // Terraform quotes the configuration's line, which holds the unmarked tokens: masked.
        expect(leaks(shown, [GITHUB_TOKEN, ACCESS_KEY, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"])).toEqual([]);
        expect(shown).toContain("(masked: GitHub token)");
      }
      // The state's sensitive values are known to the failure summary too: the applied (first) token.
      expect([...(await knownSecrets(dir()))]).toEqual(expect.arrayContaining([FIRST, SECOND]));
    });
  });
});
