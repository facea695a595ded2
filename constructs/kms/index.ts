// The book's KMS chapter: a customer-managed key with yearly rotation and an alias, whose
// key policy also lets CloudWatch Logs encrypt this account's log groups with it.
// https://docs.aws.amazon.com/kms/latest/developerguide/create-keys.html
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { partitionOf } from "../shared/arns";
import { awsName, awsRegion, kmsAliasName, wholeNumber } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";

export interface CustomerManagedKeyProps {
  /** The key's alias, unique in the account and region (the book's `alias/example`). */
  readonly aliasName: string;
  /** The region of the key and of the CloudWatch Logs service allowed to use it (the stack's). */
  readonly region: string;
  /**
   * The key's description.
   * @default "Example Customer Master Key" (the book's)
   */
  readonly description?: string;
  /**
   * Days between a `destroy` and the key's deletion, 7 to 30: until then it can be restored,
   * and everything it encrypted stays readable.
   * @default 30 (the book's, AWS's maximum)
   */
  readonly deletionWindowInDays?: number;
  /**
   * The Terraform names of the key, its alias and its policy.
   * @default "note" for the stack's first key (`aws_kms_key.example`, `aws_kms_alias.example`), "own" for later ones (`aws_kms_key.<id>`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * Addresses follow the book: `aws_kms_key.example`, `aws_kms_alias.example`; the key policy
 * is `data.aws_iam_policy_document.kms` and the account it names `data.aws_caller_identity.kms`.
 */
export class CustomerManagedKey extends Construct {
  /** The key's ARN: what a log group's `kms_key_id` takes (an alias is rejected there). */
  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly aliasArn: string;

  public constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const description = props.description ?? "Example Customer Master Key";
    const deletionWindowInDays = props.deletionWindowInDays ?? 30;
    const region = props.region;

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "CustomerManagedKey", props.terraformNames, problems), id);
    problems.check("aliasName", props.aliasName, kmsAliasName);
    problems.check("region", region, awsRegion);
    problems.check("description", description, awsName(8192, /^[\s\S]*$/, "any text"));
    problems.check("deletionWindowInDays", deletionWindowInDays, wholeNumber(7, 30));
    const partition = isUnresolved(region) ? "aws" : partitionOf(region);

    const account = new DataAwsCallerIdentity(this, "caller_identity", {});
    account.overrideLogicalId(named("kms"));

    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    const policy = new DataAwsIamPolicyDocument(this, "key_policy", {
      statement: [
        {
          // Without it nobody could manage the key: IAM policies grant access to a key only
          // when its key policy lets the account in. In a key policy, `*` is this key.
          sid: "EnableIamPolicies",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${account.accountId}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        {
          sid: "AllowCloudWatchLogs",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          // Only for this account's log groups in the region, never on behalf of another account's.
          condition: [
            {
              test: "ArnLike",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: [`arn:${partition}:logs:${region}:${account.accountId}:log-group:*`],
            },
          ],
        },
      ],
    });
    policy.overrideLogicalId(named("kms"));

    const key = new KmsKey(this, "key", {
      description,
      enableKeyRotation: true,
      isEnabled: true,
      deletionWindowInDays,
      policy: policy.json,
    });
    key.overrideLogicalId(named("example"));

    const alias = new KmsAlias(this, "alias", { name: props.aliasName, targetKeyId: key.keyId });
    alias.overrideLogicalId(named("example"));

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasArn = alias.arn;
  }
}
