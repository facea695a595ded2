// The synth-time checks as a CDKTF Aspect: every rule of rules/ runs on every resource and
// data source of a stack. A finding becomes a warning annotation (`cdktf synth` prints it as
// `WARN [<construct path>]: ...`) unless an acknowledgement with a reason accepts it; in strict
// mode it becomes an error instead, and the synth writes nothing.
import { Annotations, Aspects, IAspect, TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { addressOf } from "../constructs/shared/addresses";
import { show } from "../constructs/shared/validation";
import { CheckRule, checked } from "./rule";
import { RULES } from "./rules";

/** A finding accepted on purpose: the rule, the element's Terraform address, and why. */
export interface Acknowledgement {
  readonly rule: string;
  readonly address: string;
  readonly reason: string;
}

export interface ChecksSettings {
  /**
   * Findings accepted on purpose, each with its reason.
   * @default none
   */
  readonly acknowledgements?: readonly Acknowledgement[];
  /**
   * Every unacknowledged finding fails the synth instead of warning. `STRICT_CHECKS=1`
   * turns it on for one run (CI).
   * @default false
   */
  readonly strict?: boolean;
}

export interface Finding {
  readonly rule: string;
  readonly address: string;
  readonly path: string;
  /** The line printed: address, rule, what is wrong, how to fix it, how to acknowledge it. */
  readonly line: string;
}

export class PolicyChecks implements IAspect {
  /** Every unacknowledged finding, in the order found. */
  public readonly findings: Finding[] = [];
  private readonly visited = new Set<string>();
  private readonly used = new Set<Acknowledgement>();
  private readonly warnedStale = new Set<number>();

  public constructor(
    private readonly settings: ChecksSettings,
    /** Where the acknowledgements live, for the messages: `config/environments/dev.ts`. */
    private readonly settingsFile: string,
    private readonly rules: readonly CheckRule[] = RULES,
  ) {}

  /** Adds the checks to `stack`, with a validation that fails the synth in strict mode and on malformed acknowledgements. */
  public static addTo(stack: TerraformStack, settings: ChecksSettings, settingsFile: string): PolicyChecks {
    const checks = new PolicyChecks(settings, settingsFile);
    stack.node.addValidation({ validate: () => checks.errors(stack) });
    Aspects.of(stack).add(checks);
    return checks;
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource || node instanceof TerraformDataSource)) return;
    if (this.visited.has(node.node.path)) return; // CDKTF may invoke aspects more than once
    this.visited.add(node.node.path);
    const element = checked(node);
    const address = addressOf(node);
    if (!element || !address) return;
    for (const rule of this.rules.filter((r) => r.types.includes(element.type))) {
      for (const violation of rule.check(element)) {
        const acknowledged = (this.settings.acknowledgements ?? []).find(
          (a) => a.rule === rule.id && a.address === address,
        );
        if (acknowledged) {
          this.used.add(acknowledged);
          continue;
        }
        const line =
          `${address}: [${rule.id}] ${violation.message}. Fix: ${violation.fix}. ` +
          `Or accept it on purpose in ${this.settingsFile}: checks.acknowledgements ` +
          `{ rule: "${rule.id}", address: "${address}", reason: "<why>" }`;
        this.findings.push({ rule: rule.id, address, path: node.node.path, line });
        if (!this.strict) Annotations.of(node).addWarning(line);
      }
    }
  }

  private get strict(): boolean {
    return this.settings.strict === true || process.env.STRICT_CHECKS === "1";
  }

  /**
   * Strict-mode findings, and malformed acknowledgements. A stale acknowledgement (it accepts
   * nothing any more: the stack was fixed, or the element renamed) warns, saying what to remove
   * from which file; in strict mode it is an error, like every finding.
   */
  private errors(stack: TerraformStack): string[] {
    const errors = this.strict ? this.findings.map((f) => `${f.path}: ${f.line} (strict mode: an error)`) : [];
    const known = new Set(this.rules.map((r) => r.id));
    // A broken input hides findings (a container definitions file that does not parse has no
    // image to check): an acknowledgement is only called stale when the rest of the stack is valid,
    // so that one mistake still makes one line.
    const inputValid = () =>
      stack.node
        .findAll()
        .filter((c) => c !== stack)
        .every((c) => c.node.validate().length === 0);
    (this.settings.acknowledgements ?? []).forEach((ack, i) => {
      const at = `${this.settingsFile}: \`checks.acknowledgements[${i}]`;
      if (!known.has(ack.rule)) {
        errors.push(`${at}.rule\` must be one of ${[...known].join(", ")}, got: ${show(ack.rule)}`);
      } else if (typeof ack.reason !== "string" || ack.reason.trim().length < 10) {
        errors.push(`${at}.reason\` must say why, in at least 10 characters, got: ${show(ack.reason)}`);
      } else if (!this.used.has(ack) && inputValid()) {
        const line =
          `${at}\` (${show(ack.rule)} on ${ack.address}) accepts no finding of ${stack.node.id} any more: ` +
          `nothing there breaks the rule now, so remove that entry from ${this.settingsFile}`;
        if (this.strict) errors.push(`${line} (strict mode: an error)`);
        else if (!this.warnedStale.has(i)) {
          // Validations run twice in a synth (the app's check, then CDKTF's own): warn once.
          this.warnedStale.add(i);
          Annotations.of(stack).addWarning(line);
        }
      }
    });
    return errors;
  }
}
