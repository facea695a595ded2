// The one scrub every output goes through (plan-review/scrub.ts): secrets in every spelling, the
// pieces a cut leaves, the masks, and the order (scrub, then shorten, then escape) in the summary.
import { BUILT_IN_MASKS, MaskSettings, resolveMasks } from "../../plan-review/masks";
import { PlanJson } from "../../plan-review/plan-json";
import { isWordLike, scrub, spellings } from "../../plan-review/scrub";
import { variableSecrets } from "../../plan-review/sensitive";
import { renderSummary } from "../../plan-review/summary";

const NO_MASKS = { masks: { patterns: [], values: [] } };

/** A plan whose sensitive variable holds `secret`, which also reached an unmarked tag (as a derived value does). */
function planWithUnmarkedCopy(secret: string, before = "old"): PlanJson {
  return {
    terraform_version: "1.11.4",
    variables: { token: { value: secret } },
    configuration: { root_module: { variables: { token: { sensitive: true } } } },
    resource_changes: [
      {
        address: "aws_ssm_parameter.p",
        mode: "managed",
        type: "aws_ssm_parameter",
        name: "p",
        change: {
          actions: ["update"],
          before: { name: "/p", tags: { token: before } },
          after: { name: "/p", tags: { token: secret } },
          before_sensitive: {},
          after_sensitive: {},
        },
      },
    ],
  };
}

/** Every run of `length` characters of `secret`: what must not survive anywhere. */
function pieces(secret: string, length: number): string[] {
  return Array.from({ length: secret.length - length + 1 }, (_, i) => secret.slice(i, i + length));
}

describe("a long value is scrubbed before it is shortened", () => {
  const secret = `tok_${"9f8e7d6c5b4a".repeat(8)}_end`; // 104 characters: cut in the table

  it("leaves no piece of the secret in the summary: neither its head nor its tail beside the cut", () => {
    const text = renderSummary({ stack: "s", plan: planWithUnmarkedCopy(secret) });
    expect(text).toContain('`tags.token`: `"old"` → `"(sensitive)"`');
    for (const piece of pieces(secret, 8)) expect([piece, text.includes(piece)]).toEqual([piece, false]);
  });

  it("scrubs the pieces a cut elsewhere left on either side of the ellipsis", () => {
    const cut = `value: "${secret.slice(0, 30)}…${secret.slice(-20)}" and more`;
    expect(scrub(cut, [secret], NO_MASKS)).toBe('value: "(sensitive)…(sensitive)" and more');
  });

  it("leaves text beside an ellipsis alone when it is no piece of a secret", () => {
    expect(scrub("arn:aws:ecs:…definition/x:1", [secret], NO_MASKS)).toBe("arn:aws:ecs:…definition/x:1");
  });
});

describe("escaped text is scrubbed in every spelling", () => {
  const secret = 'p|a"s\\s\n<w>&ord-ü-42';

  it.each([
    ["as is", secret],
    ["JSON", JSON.stringify(secret).slice(1, -1)],
    ["Go's JSON (<, >, & as \\u escapes)", 'p|a\\"s\\\\s\\n\\u003cw\\u003e\\u0026ord-ü-42'],
    ["ASCII JSON (\\u00fc)", 'p|a\\"s\\\\s\\n\\u003cw\\u003e\\u0026ord-\\u00fc-42'],
    ["JSON twice (a document in a string)", JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1)],
    ["Markdown's \\|", 'p\\|a"s\\s\n<w>&ord-ü-42'],
    ["JSON and Markdown", 'p\\|a\\"s\\\\s\\n<w>&ord-ü-42'],
    ["HTML entities", "p|a&quot;s\\s\n&lt;w&gt;&amp;ord-ü-42"],
  ])("%s", (_, spelling) => {
    expect(spellings(secret).has(spelling)).toBe(true);
    expect(scrub(`before ${spelling} after`, [secret], NO_MASKS)).toBe("before (sensitive) after");
  });

  it("in the summary, a secret holding a pipe is scrubbed before the table escapes it", () => {
    const piped = "left|right-7c1d44e0";
    const text = renderSummary({ stack: "s", plan: planWithUnmarkedCopy(piped) });
    expect(text).not.toContain("left\\|right-7c1d44e0");
    expect(text).not.toContain("right-7c1d44e0");
    expect(text).toContain('`tags.token`: `"old"` → `"(sensitive)"`');
  });

  it("line by line when the secret has several lines, as Terraform indents them in a heredoc", () => {
    const script = "#!/bin/sh\nexport TOKEN=tk-5d1e8f0a9b7c\nrun --all";
    const heredoc =
      "      user_data = <<-EOT\n          #!/bin/sh\n          export TOKEN=tk-5d1e8f0a9b7c\n          run --all\n      EOT";
    expect(scrub(heredoc, [script], NO_MASKS)).toBe(
      "      user_data = <<-EOT\n          #!/bin/sh\n          (sensitive)\n          run --all\n      EOT",
    );
  });

  it("in HCL's template escapes too ($${ and %%{)", () => {
    expect(scrub('x = "pre$${abc}-%%{d}"', ["pre${abc}-%{d}"], NO_MASKS)).toBe('x = "(sensitive)"');
  });
});

describe("a failed plan's error text", () => {
  const error =
    'Error: invalid value for tags.token: "db-pass-55e0c3a1" is not allowed\n' +
    '  with aws_ssm_parameter.p, on cdk.tf.json line 12: value = "old-pass-0b9d71f2"';

  it("is scrubbed with every secret the tool knows: the stack's sensitive variables and the state's", () => {
    const text = renderSummary({ stack: "s", error, secrets: ["db-pass-55e0c3a1", "old-pass-0b9d71f2"] });
    expect(text).toContain('Error: invalid value for tags.token: "(sensitive)" is not allowed');
    expect(text).toContain('value = "(sensitive)"');
    expect(text).not.toMatch(/db-pass|old-pass/);
  });

  it("is masked too", () => {
    const text = renderSummary({ stack: "s", error: "Error: bad token ghp_0123456789abcdefghijABCDEFGHIJ012345" });
    expect(text).toContain("Error: bad token (masked: GitHub token)");
  });

  it("knows the stack's sensitive variables: their defaults and TF_VAR_*", () => {
    const configuration = {
      variable: {
        token: { type: "string", sensitive: true, default: "default-token-1234" },
        pair: { type: "object", sensitive: true },
        region: { type: "string", default: "ap-northeast-1" },
      },
    };
    const env = { TF_VAR_token: "given-token-5678", TF_VAR_pair: '{"user":"admin-x","password":"pw-9a8b7c"}' };
    expect([...variableSecrets(configuration, env)].sort()).toEqual([
      "admin-x",
      "default-token-1234",
      "given-token-5678",
      "pw-9a8b7c",
      '{"user":"admin-x","password":"pw-9a8b7c"}',
    ]);
  });
});

describe("a secret that is an ordinary word", () => {
  it.each([
    ["key", false], // shorter than 4: never scrubbed from free text
    ["secret", true],
    ["Production", true],
    ["5432", true],
    ["hunter2", false],
    ["fixture-secret-v1-7f3a9c", false],
    ["abcdefghijklmnopq", false],
  ])("%s: word-like %s", (secret, wordLike) => {
    expect(isWordLike(secret) && secret.length >= 4).toBe(wordLike);
  });

  it.each([
    ["an address", "aws_ssm_parameter.secret will be updated"],
    ["an attribute path", "`tags.secret`: `1` → `2`"],
    ["a longer word", '`keepers.secret_key` = `"x"`'],
    ["a map key", '  "secret" = "x"'],
    ["an index", 'keepers["secret"]'],
    ["a JSON key", '{"secret":"x"}'],
    ["a block label", 'resource "aws_ssm_parameter" "secret" {'],
    ["the summary's own words", "**0 to add, 1 to change.** The secret plan"],
  ])("is left alone in %s", (_, text) => {
    expect(scrub(text, ["secret", "change"], NO_MASKS)).toBe(text);
  });

  it.each([
    ["a quoted value", 'value = "secret"', 'value = "(sensitive)"'],
    ["a JSON value", '{"a":"secret"}', '{"a":"(sensitive)"}'],
    ["a word of a quoted sentence", 'description = "the secret of it"', 'description = "the (sensitive) of it"'],
  ])("is scrubbed as %s", (_, text, scrubbed) => {
    expect(scrub(text, ["secret"], NO_MASKS)).toBe(scrubbed);
  });
});

describe("masks", () => {
  const masks = resolveMasks({ patterns: [], environment: [] }, {});

  it.each([
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE", "AWS access key id"],
    ["AWS temporary access key id", "ASIAY34FZKBOKMUTVV7A", "AWS access key id"],
    ["AWS secret access key (JSON)", '"aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', ""],
    ["AWS secret access key (shell)", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""],
    ["GitHub classic token", "ghp_0123456789abcdefghijABCDEFGHIJ012345", "GitHub token"],
    ["GitHub OAuth token", "gho_0123456789abcdefghijABCDEFGHIJ012345", "GitHub token"],
    ["GitHub user-to-server token", "ghu_0123456789abcdefghijABCDEFGHIJ012345", "GitHub token"],
    ["GitHub server-to-server token", "ghs_0123456789abcdefghijABCDEFGHIJ012345", "GitHub token"],
    ["GitHub refresh token", "ghr_0123456789abcdefghijABCDEFGHIJ012345", "GitHub token"],
    [
      "GitHub fine-grained token",
      "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF",
      "GitHub token",
    ],
    [
      "PEM private key",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onL\n-----END RSA PRIVATE KEY-----",
      "private key",
    ],
    [
      "PEM private key, newlines escaped",
      "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----",
      "private key",
    ],
  ])("%s", (_, token, name) => {
    const text = scrub(`user_data = "${token}" # end`, [], { masks });
    const secretPart = token.includes("=") || token.includes(":") ? token.slice(-40) : token;
    expect(text).not.toContain(secretPart);
    if (name) expect(text).toBe(`user_data = "(masked: ${name})" # end`);
    else expect(text).toContain("(masked: AWS secret access key)");
  });

  it("does not mask 40 characters of base64 that nothing names a secret key", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(scrub(`commit ${sha}`, [], { masks })).toBe(`commit ${sha}`);
  });

  it("masks the values of the environment variables it names, in every spelling, when long enough", () => {
    const settings: MaskSettings = { patterns: [], environment: ["DEPLOY_TOKEN", "SHORT", "UNSET"] };
    const env = { DEPLOY_TOKEN: 'dt-"quoted"-token', SHORT: "test" };
    const fromEnv = resolveMasks(settings, env);
    expect(fromEnv.values).toEqual(['dt-"quoted"-token']);
    expect(scrub('a "dt-\\"quoted\\"-token" test', [], { masks: fromEnv })).toBe('a "(sensitive)" test');
  });

  it("takes the project's own patterns, and refuses one without the g flag", () => {
    const own = resolveMasks({ patterns: [{ name: "ticket token", pattern: /tkt-[0-9]{6}/g }], environment: [] }, {});
    expect(scrub("id tkt-123456", [], { masks: own })).toBe("id (masked: ticket token)");
    expect(() => resolveMasks({ patterns: [{ name: "bad", pattern: /x/ }], environment: [] }, {})).toThrow(
      'plan-review/masks.ts: mask "bad" needs the g flag',
    );
  });

  it("masks what is left of a known token cut by an ellipsis", () => {
    expect(scrub('tags = {"t":"ghp_0123456789ab…"}', [], { masks })).toBe('tags = {"t":"(masked: cut token)…"}');
  });

  it("has the built-ins the issue names", () => {
    expect(new Set(BUILT_IN_MASKS.map((m) => m.name))).toEqual(
      new Set(["private key", "AWS access key id", "AWS secret access key", "GitHub token"]),
    );
  });

  it("applies in the summary before values are shortened: a token in a long tag is masked whole", () => {
    const token = "ghp_ZYXWVUTSRQponmlkjihgfedcba9876543210";
    const plan = planWithUnmarkedCopy(`${"padding-".repeat(6)}${token}${"-padding".repeat(6)}`);
    const text = renderSummary({ stack: "s", plan: { ...plan, variables: {} } });
    expect(text).not.toContain("ghp_");
    for (const piece of pieces(token.slice(4), 8)) expect(text.includes(piece)).toBe(false);
  });
});
