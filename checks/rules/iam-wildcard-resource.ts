// An Allow on every resource (`*`) grants more than the role needs: the note's execution role
// may read every SSM parameter and use every KMS key in the account.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
import { asList, CheckRule } from "../rule";

interface Statement {
  effect?: string;
  actions?: string[];
  resources?: string[];
}

export const iamWildcardResource: CheckRule = {
  id: "iam-wildcard-resource",
  title: "an IAM statement names the resources it allows",
  types: ["aws_iam_policy_document"],
  check({ args }) {
    return asList(args.statement as Statement | Statement[] | undefined)
      .filter((s) => (s.effect ?? "Allow") === "Allow" && asList(s.resources).includes("*"))
      .map((s) => ({
        message: `a statement allows ${asList(s.actions).join(", ") || "its actions"} on every resource (*)`,
        fix: "name the resources: the parameter and key ARNs the tasks read (`taskExecutionRole` settings), not *",
      }));
  },
};
