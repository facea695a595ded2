// The containers' secrets: SSM Parameter Store SecureStrings (or Secrets Manager secrets)
// referenced by ARN, whose values are set outside Terraform (`aws ssm put-parameter
// --overwrite`) and never reach code, state or a plan file. Nothing here reads a value. By
// default the parameters exist apart from the stack (`existingParameters`, created by `npm
// run bootstrap:secrets` or the team); a parameter the stack creates gets its placeholder as
// a write-only value (`value_wo`), which Terraform never stores: the book's chapter 12
// pattern (`value` with `ignore_changes`) kept the value the provider reads back on every
// refresh, real value included, in the state and in every saved plan (docs/decisions/0015).
// This construct checks every reference and derives what the task definition (`secrets`)
// and the execution role (the exact ARNs to read) need.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html
// https://developer.hashicorp.com/terraform/language/resources/ephemeral#write-only-arguments
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { kmsKeyArn } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";
import {
  creatableSsmParameterName,
  inRegion,
  parameterKey,
  parseSecretSource,
  SECRET_SOURCE_RULE,
  ssmParameterArn,
  terraformIdentifier,
} from "./arns";
import { ContainerSecret } from "./container-overrides";

/** The placeholder the book gives a parameter until someone sets the real value. */
export const PARAMETER_PLACEHOLDER = "uninitialized";

/** `value_wo_version` of a created parameter: fixed, so that Terraform writes the placeholder once, at create. */
export const PLACEHOLDER_VERSION = 1;

/** Where one environment variable's value comes from. */
export interface SecretReference {
  /**
   * An SSM parameter, by name (`/example/db/password`) or ARN, or a Secrets Manager secret, by
   * its full ARN (optionally `:<json key>:<version stage>:<version id>` after it). A parameter
   * must be one the stack creates (`parameters`) or one listed in `existingParameters`.
   */
  readonly valueFrom: string;
  /**
   * The customer managed KMS key that encrypts it, for the execution role's `kms:Decrypt`.
   * For a parameter the stack creates, give it on the parameter instead.
   * @default none: the AWS managed key (`aws/ssm`, `aws/secretsmanager`), which needs no grant
   */
  readonly kmsKeyArn?: string;
  /**
   * The container that gets it.
   * @default the task definition's `containerName`, the load-balanced container
   */
  readonly containerName?: string;
}

/** A SecureString parameter the stack creates with the placeholder as a write-only value. */
export interface CreatedParameter {
  /** The parameter's name, e.g. `/example/db/password`. */
  readonly name: string;
  /**
   * The customer managed KMS key that encrypts it (`key_id`).
   * @default none: the AWS managed key `aws/ssm`
   */
  readonly kmsKeyArn?: string;
}

export interface TaskSecretsProps {
  /** The stack's region: every ARN must be in it, and parameter names become ARNs in it. */
  readonly region: string;
  /**
   * Environment variable name -> where its value comes from.
   * @default none
   */
  readonly secrets?: Readonly<Record<string, SecretReference>>;
  /**
   * SecureString parameters to create, by Terraform name (`db_password` is
   * `aws_ssm_parameter.db_password`), with the value `uninitialized` (write-only: never in
   * state) until set with `aws ssm put-parameter --name <name> --type SecureString --value <value> --overwrite`.
   * The provider still reads such a parameter with decryption on refresh (and stores nothing):
   * whoever plans needs `kms:Decrypt` on its key through SSM. Prefer `existingParameters`.
   * @default none
   */
  readonly parameters?: Readonly<Record<string, CreatedParameter>>;
  /**
   * Terraform names of parameters an earlier version of the stack created, now left to the
   * team (listed in `existingParameters`): a `removed` block with `destroy = false` forgets
   * each (`aws_ssm_parameter.<name>`) without deleting the parameter or its value. A name the
   * state does not hold is a no-op.
   * @default none
   */
  readonly releasedParameters?: readonly string[];
  /**
   * Parameters that exist outside the stack, by name or ARN: the only ones besides `parameters`
   * that `secrets` may read, so that a typo in a name fails the synth, not the task's start.
   * @default none
   */
  readonly existingParameters?: readonly string[];
  /**
   * The KMS key of the created parameters that name none of their own (the stack's own key),
   * so that checkov's CKV_AWS_337 passes and the execution role may decrypt with that key only.
   * @default AWS's managed key for SSM (`alias/aws/ssm`)
   */
  readonly parametersKmsKeyArn?: string;
  /**
   * The account of the ARNs derived from parameter names.
   * @default the provider's account, read by `data.aws_caller_identity.current` (only when a name needs it)
   */
  readonly accountId?: string;
  /**
   * The Terraform names of the resources.
   * @default "note" for the stack's first (`aws_ssm_parameter.<name>`, `data.aws_caller_identity.current`), "own" for later ones (`aws_ssm_parameter.<id>_<name>`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/** `aws_ssm_parameter.<name>` per created parameter, and what the task definition and the execution role need. */
export class TaskSecrets extends Construct {
  /** The task definition's `secrets`: a created parameter is referenced by its ARN. */
  public readonly containerSecrets: Readonly<Record<string, ContainerSecret>>;
  /** Every SSM parameter the containers read, as a full ARN, for the execution role. */
  public readonly ssmParameterArns: string[];
  /** Every Secrets Manager secret the containers read, for the execution role. */
  public readonly secretsManagerSecretArns: string[];
  /** Every customer managed key that encrypts them, for the execution role. */
  public readonly kmsKeyArns: string[];
  /** The names of the created parameters, whose values are set out of band. */
  public readonly createdParameterNames: string[];

  private readonly problems: Problems;
  private readonly named: (noteName: string) => string;
  private account?: string;
  /** Parameters whose listing was reported: a secret that reads them adds no second line. */
  private readonly reported = new Set<string>();

  public constructor(
    scope: Construct,
    id: string,
    private readonly props: TaskSecretsProps,
  ) {
    super(scope, id);
    this.problems = new Problems(this);
    this.named = terraformNamer(resolveTerraformNames(this, "TaskSecrets", props.terraformNames, this.problems), id);

    // ===== Parameters the stack creates =====
    // https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html
    const created = new Map<string, { key: string; arn: string; kmsKeyArn?: string }>();
    for (const [key, given] of Object.entries(props.parameters ?? {})) {
      const at = `parameters.${key}`;
      const parameter = { ...given, kmsKeyArn: given.kmsKeyArn ?? props.parametersKmsKeyArn };
      this.problems.check("parameters", key, (k) =>
        terraformIdentifier(k) ? `key ${terraformIdentifier(k)}` : undefined,
      );
      this.problems.check(`${at}.name`, parameter.name, creatableSsmParameterName);
      this.checkKmsKey(`${at}.kmsKeyArn`, parameter.kmsKeyArn);
      const previous = created.get(parameterKey(parameter.name));
      if (previous) {
        this.problems.report(`${at}.name`, `must be unique: \`parameters.${previous.key}\` has it too`, parameter.name);
        continue;
      }
      const resource = new SsmParameter(this, `parameter_${key}`, {
        name: parameter.name,
        type: "SecureString",
        // Write-only: sent on create (and when the version changes), never stored in state or
        // a plan. The real value set out of band stays, since the version never changes.
        valueWo: PARAMETER_PLACEHOLDER,
        valueWoVersion: PLACEHOLDER_VERSION,
        keyId: parameter.kmsKeyArn,
      });
      resource.overrideLogicalId(this.named(key));
      created.set(parameterKey(parameter.name), { key, arn: resource.arn, kmsKeyArn: parameter.kmsKeyArn });
    }

    const released: string[] = [];
    (props.releasedParameters ?? []).forEach((name, i) => {
      const at = `releasedParameters[${i}]`;
      const broken = terraformIdentifier(name);
      if (broken) this.problems.report(at, broken, name);
      else if (props.parameters?.[name]) {
        this.problems.report(at, `must not name a parameter the stack still creates (\`parameters.${name}\`)`, name);
      } else released.push(name);
    });
    if (released.length > 0) {
      // Terraform JSON's top-level `removed` blocks (Terraform 1.7+), which CDKTF 0.21 has no class for.
      // https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
      TerraformStack.of(this).addOverride(
        "removed",
        released.map((name) => ({ from: `aws_ssm_parameter.${name}`, lifecycle: { destroy: false } })),
      );
    }

    const existing = this.existingParameters(created);

    // ===== References =====
    const containerSecrets: Record<string, ContainerSecret> = {};
    const ssm = new Set<string>();
    const secretsManager = new Set<string>();
    const kms = new Set<string>();
    for (const [name, secret] of Object.entries(props.secrets ?? {})) {
      const at = `secrets.${name}`;
      const resolved = this.resolve(at, secret, created, existing);
      if (!resolved) continue;
      containerSecrets[name] = { valueFrom: resolved.valueFrom, containerName: secret.containerName };
      (resolved.kind === "ssm" ? ssm : secretsManager).add(resolved.iamArn);
      if (resolved.kmsKeyArn !== undefined) kms.add(resolved.kmsKeyArn);
    }

    this.containerSecrets = containerSecrets;
    this.ssmParameterArns = [...ssm];
    this.secretsManagerSecretArns = [...secretsManager];
    this.kmsKeyArns = [...kms];
    this.createdParameterNames = Object.values(props.parameters ?? {}).map((p) => p.name);
  }

  /** The listed parameters by name, each with its ARN when the list gives one. */
  private existingParameters(created: ReadonlyMap<string, { key: string }>): Map<string, string | undefined> {
    const existing = new Map<string, string | undefined>();
    (this.props.existingParameters ?? []).forEach((reference, i) => {
      const at = `existingParameters[${i}]`;
      if (isUnresolved(reference)) return;
      // A secret that reads this very value reports what is wrong with it, naming the secret:
      // one mistake, one line.
      const readBy = Object.values(this.props.secrets ?? {}).some((s) => s.valueFrom === reference);
      const source = parseSecretSource(reference);
      if (!source && readBy) return;
      if (source?.kind !== "ssm") {
        this.problems.report(at, "must be an SSM parameter name (/app/db/password) or ARN", reference);
        return;
      }
      if (source.arn && inRegion(this.props.region)(reference)) {
        if (!readBy) this.outOfRegion(at, reference);
        this.reported.add(parameterKey(source.name));
        return;
      }
      const creator = created.get(parameterKey(source.name));
      if (creator) {
        this.problems.report(
          at,
          `must not name a parameter the stack creates (\`parameters.${creator.key}\`)`,
          reference,
        );
        return;
      }
      existing.set(parameterKey(source.name), source.arn ? reference : undefined);
    });
    return existing;
  }

  /** What ECS reads for one secret and what IAM must allow, or undefined after reporting why not. */
  private resolve(
    at: string,
    secret: SecretReference,
    created: ReadonlyMap<string, { key: string; arn: string; kmsKeyArn?: string }>,
    existing: ReadonlyMap<string, string | undefined>,
  ): { kind: "ssm" | "secretsmanager"; valueFrom: string; iamArn: string; kmsKeyArn?: string } | undefined {
    const { valueFrom } = secret;
    if (isUnresolved(valueFrom)) {
      // The execution role is scoped by the kind and ARN of what is read: a value known only
      // at apply cannot be scoped.
      this.problems.report(
        `${at}.valueFrom`,
        "must be known at synth (a name or ARN, not a reference): the execution role is scoped to it",
        valueFrom,
      );
      return undefined;
    }
    const source = parseSecretSource(valueFrom);
    if (!source) {
      this.problems.report(`${at}.valueFrom`, SECRET_SOURCE_RULE, valueFrom);
      return undefined;
    }
    if (source.arn && this.outOfRegion(`${at}.valueFrom`, valueFrom)) return undefined;
    this.checkKmsKey(`${at}.kmsKeyArn`, secret.kmsKeyArn);

    if (source.kind === "secretsmanager") {
      return { kind: "secretsmanager", valueFrom, iamArn: source.secretArn, kmsKeyArn: secret.kmsKeyArn };
    }
    const key = parameterKey(source.name);
    const parameter = created.get(key);
    if (parameter) {
      if (secret.kmsKeyArn !== undefined) {
        this.problems.report(
          `${at}.kmsKeyArn`,
          `must be left out for a parameter the stack creates: its key is \`parameters.${parameter.key}.kmsKeyArn\``,
          secret.kmsKeyArn,
        );
      }
      return { kind: "ssm", valueFrom: parameter.arn, iamArn: parameter.arn, kmsKeyArn: parameter.kmsKeyArn };
    }
    if (this.reported.has(key)) return undefined;
    if (!existing.has(key)) {
      const createdNames = Object.values(this.props.parameters ?? {}).map((p) => p.name);
      this.problems.report(
        `${at}.valueFrom`,
        `must name a parameter the stack creates (\`parameters\`: ${createdNames.join(", ") || "none"}) or one listed in \`existingParameters\``,
        valueFrom,
      );
      return undefined;
    }
    const iamArn = source.arn ? valueFrom : (existing.get(key) ?? this.arnOf(source.name));
    return { kind: "ssm", valueFrom, iamArn, kmsKeyArn: secret.kmsKeyArn };
  }

  private checkKmsKey(property: string, arn: string | undefined): void {
    if (arn === undefined || isUnresolved(arn)) return;
    const broken = kmsKeyArn(arn);
    if (broken) this.problems.report(property, broken, arn);
    else this.outOfRegion(property, arn);
  }

  /** Reports an ARN of another region; true when it did. */
  private outOfRegion(property: string, arn: string): boolean {
    const broken = inRegion(this.props.region)(arn);
    if (broken) this.problems.report(property, broken, arn);
    return broken !== undefined;
  }

  /** A parameter name's ARN in the stack's region and account. */
  private arnOf(name: string): string {
    if (this.account === undefined) {
      if (this.props.accountId !== undefined) {
        this.account = this.props.accountId;
      } else {
        const identity = new DataAwsCallerIdentity(this, "caller_identity");
        identity.overrideLogicalId(this.named("current"));
        this.account = identity.accountId;
      }
    }
    return ssmParameterArn(this.props.region, this.account, name);
  }
}
