import {
  blocksForLooseAttributes,
  hclString,
  qualifyProviderSources,
  relocateLocalBackend,
  removedBlocks,
  replaceContainerDefinitions,
  rewriteStringAttributes,
  spaceTopLevelBlocks,
  unquoteMetaReferences,
  unwrapInterpolatedReferences,
} from "../../scripts/export-hcl/hcl";

/** A heredoc whose body looks like everything the rewrites change: it must come out as it went in. */
const HEREDOC = [
  "  user_data = <<EOF",
  'resource "aws_ecs_task_definition" "x" {',
  '  depends_on = ["a.b"]',
  '  container_definitions = "[]"',
  '"${aws_vpc.example.id}"',
  "",
  "",
  "EOF",
].join("\n");

describe("export:hcl rewrites", () => {
  describe("unquoteMetaReferences", () => {
    it("writes depends_on and ignore_changes references bare, as CDKTF's multi-line lists have them", () => {
      const hcl =
        'depends_on = [\n    "aws_internet_gateway.example",\n  ]\n  ignore_changes = [\n    "task_definition",\n  ]';
      expect(unquoteMetaReferences(hcl)).toBe(
        "depends_on = [\n    aws_internet_gateway.example,\n  ]\n  ignore_changes = [\n    task_definition,\n  ]",
      );
    });

    it('unquotes ignore_changes = "all"', () => {
      expect(unquoteMetaReferences('  ignore_changes = "all"')).toBe("  ignore_changes = all");
    });

    it("leaves other lists of strings quoted", () => {
      const hcl = '  requires_compatibilities = [\n    "FARGATE"\n  ]';
      expect(unquoteMetaReferences(hcl)).toBe(hcl);
    });
  });

  describe("unwrapInterpolatedReferences", () => {
    it("unwraps a string that is one reference, in list items and values", () => {
      expect(unwrapInterpolatedReferences('  subnets = [\n    "${aws_subnet.public_0.id}",\n  ]')).toBe(
        "  subnets = [\n    aws_subnet.public_0.id,\n  ]",
      );
      expect(unwrapInterpolatedReferences('  policy = "${data.aws_iam_policy_document.x.json}"')).toBe(
        "  policy = data.aws_iam_policy_document.x.json",
      );
    });

    it.each([
      ['  name = "arn:${aws_vpc.example.id}"'],
      ['  name = "${var.a}-${var.b}"'],
      ['  name = "${length(var.a)}"'],
      ['  name = "${aws_subnet.x[0].id}"'],
    ])("leaves %s as it is", (hcl) => {
      expect(unwrapInterpolatedReferences(hcl)).toBe(hcl);
    });
  });

  it('qualifyProviderSources: source = "aws" -> "hashicorp/aws", other sources unchanged', () => {
    expect(qualifyProviderSources('      source  = "aws"')).toBe('      source  = "hashicorp/aws"');
    expect(qualifyProviderSources('      source  = "integrations/github"')).toBe(
      '      source  = "integrations/github"',
    );
  });

  describe("relocateLocalBackend", () => {
    const hcl = 'terraform {\n  backend "local" {\n    path = "../../../terraform.dev.tfstate"\n  }\n}';

    it("keeps a relative path naming the same file from the export folder", () => {
      expect(relocateLocalBackend(hcl, "/p/cdktf.out/stacks/dev", "/p/export/dev")).toContain(
        'path = "../../terraform.dev.tfstate"',
      );
      expect(relocateLocalBackend(hcl, "/p/.local/cdktf.out/stacks/dev", "/p/export/dev")).toContain(
        'path = "../../.local/terraform.dev.tfstate"',
      );
    });

    it("leaves an absolute path and an S3 backend alone", () => {
      const absolute = hcl.replace("../../../terraform.dev.tfstate", "/state/dev.tfstate");
      expect(relocateLocalBackend(absolute, "/p/cdktf.out/stacks/dev", "/p/export/dev")).toBe(absolute);
      const s3 = 'terraform {\n  backend "s3" {\n    bucket = "b"\n    key    = "k"\n  }\n}';
      expect(relocateLocalBackend(s3, "/p/cdktf.out/stacks/dev", "/p/export/dev")).toBe(s3);
    });
  });

  it("replaceContainerDefinitions: only the named task definitions' attribute takes the expression", () => {
    const hcl = [
      'resource "aws_ecs_task_definition" "example" {',
      '  container_definitions = "[{\\"name\\":\\"example\\"}]"',
      "}",
      'resource "aws_ecs_task_definition" "other" {',
      '  container_definitions = "[]"',
      "}",
    ].join("\n");
    const expression = 'file("${path.module}/container_definitions.json")';
    expect(replaceContainerDefinitions(hcl, new Map([["example", expression]]))).toBe(
      [
        'resource "aws_ecs_task_definition" "example" {',
        `  container_definitions = ${expression}`,
        "}",
        'resource "aws_ecs_task_definition" "other" {',
        '  container_definitions = "[]"',
        "}",
      ].join("\n"),
    );
  });

  describe("hclString", () => {
    it.each([
      ['{"a":"b"}', '"{\\"a\\":\\"b\\"}"'],
      ["C:\\path", '"C:\\\\path"'],
      ["line\nnext\ttab", '"line\\nnext\\ttab"'],
      ['{"arn":"${aws_ssm_parameter.x.arn}"}', '"{\\"arn\\":\\"${aws_ssm_parameter.x.arn}\\"}"'],
      ['"${jsonencode({ a = "}" })}"', '"\\"${jsonencode({ a = "}" })}\\""'],
      ["$${literal} %%{literal}", '"$${literal} %%{literal}"'],
    ])("%s -> %s", (template, hcl) => {
      expect(hclString(template)).toBe(hcl);
    });
  });

  it("rewriteStringAttributes: a resource's one-line strings are written again from the JSON", () => {
    // What CDKTF writes for a string with a quote and an interpolation: not HCL.
    const hcl = [
      'resource "aws_ecs_task_definition" "example" {',
      '  container_definitions = "[{"valueFrom":"${aws_ssm_parameter.x.arn}"}]"',
      '  family                = "example"',
      "}",
    ].join("\n");
    const json = {
      resource: {
        aws_ecs_task_definition: {
          example: { container_definitions: '[{"valueFrom":"${aws_ssm_parameter.x.arn}"}]', family: "example" },
        },
      },
    };
    expect(rewriteStringAttributes(hcl, json).split("\n")[1]).toBe(
      '  container_definitions = "[{\\"valueFrom\\":\\"${aws_ssm_parameter.x.arn}\\"}]"',
    );
    expect(rewriteStringAttributes(hcl, json).split("\n")[2]).toBe('  family                = "example"');
  });

  it("spaceTopLevelBlocks: one blank line between blocks, none before a closing brace or at the end", () => {
    const hcl = 'terraform {\n  backend "local" {\n  }\n\n\n}\n\nprovider "aws" {\n}\nresource "a" "b" {\n}\n\n\n';
    expect(spaceTopLevelBlocks(hcl)).toBe(
      'terraform {\n  backend "local" {\n  }\n}\n\nprovider "aws" {\n}\n\nresource "a" "b" {\n}\n',
    );
  });

  describe("blocksForLooseAttributes", () => {
    const warned = (body: string) =>
      [
        "  rule {",
        "    # Warning: The following attribute is of an unexpected type. Either there's a problem with the provider",
        "    # We understand this is not ideal.",
        "",
        body,
        "    visibility_config {",
        "    }",
        "  }",
      ].join("\n");

    it("writes the object attribute CDKTF warns about as the nested blocks it stands for", () => {
      const hcl = warned(
        '    statement = {\n      managed_rule_group_statement = {\n        name = "x"\n      }\n    }',
      );
      expect(blocksForLooseAttributes(hcl)).toBe(
        [
          "  rule {",
          "    statement {",
          "      managed_rule_group_statement {",
          '        name = "x"',
          "      }",
          "    }",
          "    visibility_config {",
          "    }",
          "  }",
        ].join("\n"),
      );
    });

    it("stops at a list of objects, which it cannot tell from a list attribute", () => {
      const hcl = warned('    statement = {\n      or = [\n        {\n          a = "b"\n        }\n      ]\n    }');
      expect(() => blocksForLooseAttributes(hcl)).toThrow("a list of objects in a loosely typed attribute, at: or = [");
    });

    it("leaves object attributes without the warning alone (tags)", () => {
      const hcl = '  tags = {\n    Name = "x"\n  }';
      expect(blocksForLooseAttributes(hcl)).toBe(hcl);
    });
  });

  it.each([
    ["unquoteMetaReferences", unquoteMetaReferences],
    ["unwrapInterpolatedReferences", unwrapInterpolatedReferences],
    ["replaceContainerDefinitions", (hcl: string) => replaceContainerDefinitions(hcl, new Map([["x", "f"]]))],
    ["rewriteStringAttributes", (hcl: string) => rewriteStringAttributes(hcl, { resource: {} })],
    ["spaceTopLevelBlocks", (hcl: string) => spaceTopLevelBlocks(hcl).replace(/\n$/, "")],
  ])("%s leaves a heredoc's body as it is", (_name, rewrite) => {
    const hcl = `resource "aws_instance" "x" {\n${HEREDOC}\n}`;
    expect(rewrite(hcl)).toBe(hcl);
  });

  describe("removedBlocks: the JSON's top-level removed blocks, which cdktf's HCL leaves out", () => {
    it("writes each as HCL, its from a bare address, its lifecycle kept", () => {
      const removed = [
        { from: "aws_ssm_parameter.old_token", lifecycle: { destroy: false } },
        { from: "module.x.aws_s3_bucket.logs" },
      ];
      expect(removedBlocks("ecs-fargate-dev", removed)).toBe(
        [
          "removed {",
          "  from = aws_ssm_parameter.old_token",
          "",
          "  lifecycle {",
          "    destroy = false",
          "  }",
          "}",
          "",
          "removed {",
          "  from = module.x.aws_s3_bucket.logs",
          "}",
          "",
        ].join("\n"),
      );
    });

    it.each<[string, unknown, string]>([
      [
        "a from that is no address",
        { from: "${aws_ssm_parameter.x}" },
        'ecs-fargate-dev: removed[0] is not a block the export writes (from, lifecycle.destroy): {"from":"${aws_ssm_parameter.x}"}',
      ],
      [
        "a provisioner",
        { from: "aws_instance.x", provisioner: [{ "local-exec": {} }] },
        'ecs-fargate-dev: removed[0] is not a block the export writes (from, lifecycle.destroy): {"from":"aws_instance.x","provisioner":[{"local-exec":{}}]}',
      ],
      [
        "a destroy that is not a boolean",
        { from: "aws_instance.x", lifecycle: { destroy: "false" } },
        'ecs-fargate-dev: removed[0] is not a block the export writes (from, lifecycle.destroy): {"from":"aws_instance.x","lifecycle":{"destroy":"false"}}',
      ],
    ])("refuses %s, naming the block", (_, block, message) => {
      expect(() => removedBlocks("ecs-fargate-dev", [block])).toThrow(message);
    });
  });
});
