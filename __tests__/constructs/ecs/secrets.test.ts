import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Lazy } from "cdktf";
import { PARAMETER_PLACEHOLDER, TaskSecrets, TaskSecretsProps } from "../../../constructs/ecs";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

const KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SECRET = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:example/api-token-AbCdEf";
const PARAMETER_ARN = "arn:aws:ssm:ap-northeast-1:123456789012:parameter/shared/smtp/password";

function build(overrides: Partial<TaskSecretsProps> = {}) {
  const stack = testStack();
  const secrets = new TaskSecrets(stack, "secrets", { region: "ap-northeast-1", ...overrides });
  return { stack, secrets, json: synthJson(stack) };
}

/** What the stack hands on, with tokens as Terraform will see them. */
function outputs(stack: ReturnType<typeof build>["stack"], secrets: TaskSecrets) {
  return resolved(stack, {
    containerSecrets: secrets.containerSecrets,
    ssmParameterArns: secrets.ssmParameterArns,
    secretsManagerSecretArns: secrets.secretsManagerSecretArns,
    kmsKeyArns: secrets.kmsKeyArns,
  });
}

describe("TaskSecrets", () => {
  describe("released parameters", () => {
    it("are forgotten by the state without being deleted: one `removed` block each, destroy = false", () => {
      const { stack, json } = build({
        existingParameters: ["/example/db/password"],
        releasedParameters: ["app_secret", "db_password"],
        secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } },
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(json.removed).toEqual([
        { from: "aws_ssm_parameter.app_secret", lifecycle: { destroy: false } },
        { from: "aws_ssm_parameter.db_password", lifecycle: { destroy: false } },
      ]);
      expect(json.resource?.aws_ssm_parameter).toBeUndefined();
    });

    it("add no `removed` block when there are none", () => {
      expect(build({ parameters: { db_password: { name: "/example/db/password" } } }).json.removed).toBeUndefined();
    });

    it.each<[string, Partial<TaskSecretsProps>, string]>([
      [
        "a name Terraform cannot take",
        { releasedParameters: ["app secret"] },
        'test/secrets: `releasedParameters[0]` must be a Terraform name: a letter or underscore, then letters, digits, underscores and hyphens, got: "app secret"',
      ],
      [
        "a parameter the stack still creates",
        { parameters: { app_secret: { name: "/example/app/secret" } }, releasedParameters: ["app_secret"] },
        'test/secrets: `releasedParameters[0]` must not name a parameter the stack still creates (`parameters.app_secret`), got: "app_secret"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });

  describe("defaults", () => {
    it("creates nothing and hands on nothing", () => {
      const { stack, secrets, json } = build();
      expect(addresses(json)).toEqual([]);
      expect(secrets.containerSecrets).toEqual({});
      expect(secrets.ssmParameterArns).toEqual([]);
      expect(secrets.secretsManagerSecretArns).toEqual([]);
      expect(secrets.kmsKeyArns).toEqual([]);
      expect(secrets.createdParameterNames).toEqual([]);
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("parameters the stack creates", () => {
    it("are SecureStrings whose placeholder is write-only: sent once, never stored, no `value` for a refresh to fill", () => {
      const { stack, json, secrets } = build({ parameters: { db_password: { name: "/example/db/password" } } });
      expect(addresses(json)).toEqual(["aws_ssm_parameter.db_password"]);
      expect(resource(json, "aws_ssm_parameter", "db_password")).toEqual({
        name: "/example/db/password",
        type: "SecureString",
        value_wo: "uninitialized",
        value_wo_version: 1,
      });
      expect(PARAMETER_PLACEHOLDER).toBe("uninitialized");
      expect(secrets.createdParameterNames).toEqual(["/example/db/password"]);
      expect(validationErrors(stack)).toEqual([]);
    });

    it("are encrypted with the customer managed key given", () => {
      const { json } = build({ parameters: { db_password: { name: "/example/db/password", kmsKeyArn: KEY } } });
      expect(resource(json, "aws_ssm_parameter", "db_password").key_id).toBe(KEY);
    });

    it("are read by their ARN, and the execution role is scoped to it and to their key", () => {
      const { stack, secrets } = build({
        parameters: { db_password: { name: "/example/db/password", kmsKeyArn: KEY } },
        secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } },
      });
      expect(outputs(stack, secrets)).toEqual({
        containerSecrets: { DB_PASSWORD: { valueFrom: "${aws_ssm_parameter.db_password.arn}" } },
        ssmParameterArns: ["${aws_ssm_parameter.db_password.arn}"],
        secretsManagerSecretArns: [],
        kmsKeyArns: [KEY],
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    it("take a key known only at apply", () => {
      const stack = testStack();
      const key = new KmsKey(stack, "key", {});
      const secrets = new TaskSecrets(stack, "secrets", {
        region: "ap-northeast-1",
        parameters: { db_password: { name: "/example/db/password", kmsKeyArn: key.arn } },
        secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } },
      });
      expect(resolved(stack, secrets.kmsKeyArns)).toEqual(["${aws_kms_key.key.arn}"]);
      expect(validationErrors(stack)).toEqual([]);
    });

    it("take the stack's key when they name none of their own, and keep the one they name", () => {
      const stack = testStack();
      const key = new KmsKey(stack, "key", {});
      const secrets = new TaskSecrets(stack, "secrets", {
        region: "ap-northeast-1",
        parametersKmsKeyArn: key.arn,
        parameters: {
          db_password: { name: "/example/db/password" },
          api_key: { name: "/example/api/key", kmsKeyArn: KEY },
        },
        secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" }, API_KEY: { valueFrom: "/example/api/key" } },
      });
      const json = synthJson(stack);
      expect(resource(json, "aws_ssm_parameter", "db_password").key_id).toBe("${aws_kms_key.key.arn}");
      expect(resource(json, "aws_ssm_parameter", "api_key").key_id).toBe(KEY);
      expect((resolved(stack, secrets.kmsKeyArns) as string[]).sort()).toEqual(["${aws_kms_key.key.arn}", KEY].sort());
      expect(validationErrors(stack)).toEqual([]);
    });

    it("take their own addresses in a second instance", () => {
      const stack = testStack();
      const props = { region: "ap-northeast-1", parameters: { db_password: { name: "/example/db/password" } } };
      new TaskSecrets(stack, "secrets", props);
      new TaskSecrets(stack, "worker", { ...props, parameters: { db_password: { name: "/worker/db/password" } } });
      expect(addresses(synthJson(stack))).toEqual([
        "aws_ssm_parameter.db_password",
        "aws_ssm_parameter.worker_db_password",
      ]);
    });
  });

  describe("parameters and secrets that exist outside the stack", () => {
    it("are read by name, and IAM gets the ARN in the provider's account", () => {
      const { stack, secrets, json } = build({
        existingParameters: ["/example/api/key"],
        secrets: { API_KEY: { valueFrom: "/example/api/key", kmsKeyArn: KEY } },
      });
      expect(addresses(json)).toEqual(["data.aws_caller_identity.current"]);
      expect(outputs(stack, secrets)).toEqual({
        containerSecrets: { API_KEY: { valueFrom: "/example/api/key" } },
        ssmParameterArns: [
          "arn:aws:ssm:ap-northeast-1:${data.aws_caller_identity.current.account_id}:parameter/example/api/key",
        ],
        secretsManagerSecretArns: [],
        kmsKeyArns: [KEY],
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    it("use the account given instead of looking it up", () => {
      const { secrets, json } = build({
        accountId: "123456789012",
        existingParameters: ["/example/api/key"],
        secrets: { API_KEY: { valueFrom: "/example/api/key" } },
      });
      expect(addresses(json)).toEqual([]);
      expect(secrets.ssmParameterArns).toEqual(["arn:aws:ssm:ap-northeast-1:123456789012:parameter/example/api/key"]);
    });

    it("are named by ARN in IAM when given by ARN, in the list or in the reference", () => {
      const { secrets, json } = build({
        existingParameters: [PARAMETER_ARN, "/example/other"],
        secrets: {
          SMTP_PASSWORD: { valueFrom: "/shared/smtp/password" },
          OTHER: { valueFrom: "arn:aws:ssm:ap-northeast-1:210987654321:parameter/example/other" },
        },
      });
      expect(addresses(json)).toEqual([]);
      expect(secrets.containerSecrets).toEqual({
        SMTP_PASSWORD: { valueFrom: "/shared/smtp/password" },
        OTHER: { valueFrom: "arn:aws:ssm:ap-northeast-1:210987654321:parameter/example/other" },
      });
      expect(secrets.ssmParameterArns).toEqual([
        PARAMETER_ARN,
        "arn:aws:ssm:ap-northeast-1:210987654321:parameter/example/other",
      ]);
    });

    it("read Secrets Manager secrets by ARN, IAM naming the secret without its JSON key", () => {
      const { stack, secrets } = build({
        secrets: {
          API_TOKEN: { valueFrom: `${SECRET}:token::`, kmsKeyArn: KEY },
          API_USER: { valueFrom: `${SECRET}:user::`, containerName: "sidecar" },
        },
      });
      expect(secrets.containerSecrets).toEqual({
        API_TOKEN: { valueFrom: `${SECRET}:token::` },
        API_USER: { valueFrom: `${SECRET}:user::`, containerName: "sidecar" },
      });
      expect(secrets.secretsManagerSecretArns).toEqual([SECRET]);
      expect(secrets.ssmParameterArns).toEqual([]);
      expect(secrets.kmsKeyArns).toEqual([KEY]);
      expect(validationErrors(stack)).toEqual([]);
    });

    it("use ARNs of the China partition in China", () => {
      const { secrets } = build({
        region: "cn-north-1",
        accountId: "123456789012",
        existingParameters: ["/example/api/key"],
        secrets: { API_KEY: { valueFrom: "/example/api/key" } },
      });
      expect(secrets.ssmParameterArns).toEqual(["arn:aws-cn:ssm:cn-north-1:123456789012:parameter/example/api/key"]);
    });
  });

  describe("validation", () => {
    const created = { db_password: { name: "/example/db/password" } };

    it.each<[string, Partial<TaskSecretsProps>, string]>([
      [
        "a parameter of another region, listed and read: one line, naming the secret",
        {
          existingParameters: ["arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password"],
          secrets: { DB_PASSWORD: { valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password" } },
        },
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must be in the stack\'s region (ap-northeast-1), not us-east-1, got: "arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password"',
      ],
      [
        "a parameter of another region, read but not listed",
        { secrets: { DB_PASSWORD: { valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password" } } },
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must be in the stack\'s region (ap-northeast-1), not us-east-1, got: "arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password"',
      ],
      [
        "a listed parameter of another region",
        {
          existingParameters: ["arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password"],
          secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } },
        },
        'test/secrets: `existingParameters[0]` must be in the stack\'s region (ap-northeast-1), not us-east-1, got: "arn:aws:ssm:us-east-1:123456789012:parameter/example/db/password"',
      ],
      [
        "a secret read from another region",
        { secrets: { API_TOKEN: { valueFrom: SECRET.replace("ap-northeast-1", "eu-west-1") } } },
        `test/secrets: \`secrets.API_TOKEN.valueFrom\` must be in the stack's region (ap-northeast-1), not eu-west-1, got: "${SECRET.replace("ap-northeast-1", "eu-west-1")}"`,
      ],
      [
        "a reference that is neither a parameter nor a secret",
        { secrets: { DB_PASSWORD: { valueFrom: "arn:aws:s3:::example-bucket/password" } } },
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must be an SSM parameter name (/app/db/password), an SSM parameter ARN or a Secrets Manager secret ARN, got: "arn:aws:s3:::example-bucket/password"',
      ],
      [
        "a parameter name with a space",
        { secrets: { DB_PASSWORD: { valueFrom: "/example/db password" } } },
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must be an SSM parameter name (/app/db/password), an SSM parameter ARN or a Secrets Manager secret ARN, got: "/example/db password"',
      ],
      [
        "a parameter neither created nor listed (a typo)",
        { parameters: created, secrets: { DB_PASSWORD: { valueFrom: "/example/db/pasword" } } },
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must name a parameter the stack creates (`parameters`: /example/db/password) or one listed in `existingParameters`, got: "/example/db/pasword"',
      ],
      [
        "a parameter neither created nor listed, with nothing created",
        { secrets: { DB_PASSWORD: { valueFrom: "/example/db/password" } } },
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must name a parameter the stack creates (`parameters`: none) or one listed in `existingParameters`, got: "/example/db/password"',
      ],
      [
        "a key on a secret read from a parameter the stack creates",
        { parameters: created, secrets: { DB_PASSWORD: { valueFrom: "/example/db/password", kmsKeyArn: KEY } } },
        `test/secrets: \`secrets.DB_PASSWORD.kmsKeyArn\` must be left out for a parameter the stack creates: its key is \`parameters.db_password.kmsKeyArn\`, got: "${KEY}"`,
      ],
      [
        "a KMS alias",
        { secrets: { API_TOKEN: { valueFrom: SECRET, kmsKeyArn: "alias/aws/secretsmanager" } } },
        'test/secrets: `secrets.API_TOKEN.kmsKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id, got: "alias/aws/secretsmanager"',
      ],
      [
        "a KMS key of another region",
        {
          parameters: {
            db_password: { name: "/example/db/password", kmsKeyArn: KEY.replace("ap-northeast-1", "us-west-2") },
          },
        },
        `test/secrets: \`parameters.db_password.kmsKeyArn\` must be in the stack's region (ap-northeast-1), not us-west-2, got: "${KEY.replace("ap-northeast-1", "us-west-2")}"`,
      ],
      [
        "a parameter name in SSM's reserved prefix",
        { parameters: { aws_thing: { name: "/aws/example" } } },
        'test/secrets: `parameters.aws_thing.name` must not begin with aws or ssm: SSM keeps those prefixes for itself, got: "/aws/example"',
      ],
      [
        "a hierarchical parameter name without its leading slash",
        { parameters: { db_password: { name: "example/db/password" } } },
        'test/secrets: `parameters.db_password.name` must be an SSM parameter name such as /app/db/password: letters, digits and _.- in up to 15 levels, each after a /, got: "example/db/password"',
      ],
      [
        "two parameters of one name",
        { parameters: { ...created, db_password_2: { name: "/example/db/password" } } },
        'test/secrets: `parameters.db_password_2.name` must be unique: `parameters.db_password` has it too, got: "/example/db/password"',
      ],
      [
        "a parameter key that is not a Terraform name",
        { parameters: { "db.password": { name: "/example/db/password" } } },
        'test/secrets: `parameters` key must be a Terraform name: a letter or underscore, then letters, digits, underscores and hyphens, got: "db.password"',
      ],
      [
        "an existing parameter the stack also creates",
        { parameters: created, existingParameters: ["/example/db/password"] },
        'test/secrets: `existingParameters[0]` must not name a parameter the stack creates (`parameters.db_password`), got: "/example/db/password"',
      ],
      [
        "a secret listed as an existing parameter",
        { existingParameters: [SECRET] },
        `test/secrets: \`existingParameters[0]\` must be an SSM parameter name (/app/db/password) or ARN, got: "${SECRET}"`,
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it("reports a bad name listed and read once, naming the secret", () => {
      const { stack } = build({
        existingParameters: ["/example/db password"],
        secrets: { DB_PASSWORD: { valueFrom: "/example/db password" } },
      });
      expect(validationErrors(stack)).toEqual([
        'test/secrets: `secrets.DB_PASSWORD.valueFrom` must be an SSM parameter name (/app/db/password), an SSM parameter ARN or a Secrets Manager secret ARN, got: "/example/db password"',
      ]);
    });

    it("rejects a reference known only at apply: the execution role could not be scoped to it", () => {
      const valueFrom = Lazy.stringValue({ produce: () => "/example/db/password" });
      const { stack } = build({ secrets: { DB_PASSWORD: { valueFrom } } });
      expect(validationErrors(stack)).toEqual([
        `test/secrets: \`secrets.DB_PASSWORD.valueFrom\` must be known at synth (a name or ARN, not a reference): the execution role is scoped to it, got: ${JSON.stringify(valueFrom)}`,
      ]);
    });

    it("accepts a name without hierarchy, and a parameter ARN for a created parameter", () => {
      const { stack, secrets } = build({
        parameters: { token: { name: "token" } },
        secrets: { TOKEN: { valueFrom: "arn:aws:ssm:ap-northeast-1:123456789012:parameter/token" } },
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(resolved(stack, secrets.containerSecrets)).toEqual({
        TOKEN: { valueFrom: "${aws_ssm_parameter.token.arn}" },
      });
    });
  });
});
