// An Allow on every resource (`*`) in an identity policy grants more than the role needs: the
// note's execution role may read every SSM parameter and use every KMS key in the account.
// Resource policies (statements with principals, such as a KMS key policy, where `*` means
// "this key") are not identity policies and are left alone.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
import { asList, CheckRule } from "../rule";

interface Statement {
  effect?: string;
  principals?: unknown;
  actions?: string[];
  resources?: string[];
}

export const iamWildcardResource: CheckRule = {
  id: "iam-wildcard-resource",
  title: "an IAM statement names the resources it allows",
  types: ["aws_iam_policy_document"],
  check({ args }) {
    return asList(args.statement as Statement | Statement[] | undefined)
      .filter((s) => s.principals === undefined)
      .filter((s) => (s.effect ?? "Allow") === "Allow" && asList(s.resources).includes("*"))
      .map((s) => ({
        message: `a statement allows ${asList(s.actions).join(", ") || "its actions"} on every resource (*)`,
        fix: "name the resources: the parameter and key ARNs the tasks read (`taskExecutionRole` settings), not *",
      }));
  },
};
