// The parts of Terraform's JSON plan representation (`terraform show -json <plan>`, format 1.x)
// that the plan review reads. https://developer.hashicorp.com/terraform/internals/json-format

/** A JSON value as Terraform writes it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Which parts of a value are sensitive (or unknown): `true` for the whole value, else the same
 * shape as the value with `true` at the sensitive leaves, `false` or absent elsewhere.
 */
export type ValueMarks = boolean | readonly ValueMarks[] | { readonly [key: string]: ValueMarks };

/** One of Terraform's planned actions; a change lists one or two (a replacement). */
export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface Change {
  readonly actions: readonly PlanAction[];
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly after_unknown?: ValueMarks;
  readonly before_sensitive?: ValueMarks;
  readonly after_sensitive?: ValueMarks;
  /** The paths of the attributes that force a replacement. */
  readonly replace_paths?: readonly (readonly (string | number)[])[];
  /** Present when the resource is imported by this plan. */
  readonly importing?: { readonly id?: string; readonly identity?: JsonValue };
  readonly generated_config?: string;
}

export interface ResourceChange {
  /** Absent from `resource_drift` entries written by Terraform 0.15.4 to 1.0.0: see `withAddresses`. */
  readonly address: string;
  /** The address in the previous state when the resource moved (a `moved` block). */
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly change: Change;
  /** Why Terraform chose the action, e.g. `replace_because_cannot_update`. */
  readonly action_reason?: string;
}

export interface OutputChange {
  readonly actions: readonly PlanAction[];
  readonly before_sensitive?: ValueMarks;
  readonly after_sensitive?: ValueMarks;
}

/** An expression of the configuration: what it references (a resource attribute, a variable, ...). */
export interface Expression {
  readonly constant_value?: JsonValue;
  readonly references?: readonly string[];
}

/** Expressions by argument; nested blocks are lists of the same, which is why it is loose. */
export type Expressions = { readonly [argument: string]: unknown };

export interface ConfigResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly expressions?: Expressions;
  readonly depends_on?: readonly string[];
  readonly count_expression?: Expression;
  readonly for_each_expression?: Expression;
}

export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: { readonly [name: string]: { readonly module?: ConfigModule } };
  readonly outputs?: { readonly [name: string]: { readonly sensitive?: boolean; readonly expression?: Expression } };
  readonly variables?: { readonly [name: string]: { readonly sensitive?: boolean; readonly default?: JsonValue } };
}

/** A provider action this plan invokes (Terraform 1.14): what runs, and what triggers it. */
export interface ActionInvocation {
  readonly address?: string;
  readonly type?: string;
  readonly name?: string;
  readonly config_values?: JsonValue;
  readonly config_sensitive?: ValueMarks;
  readonly provider_name?: string;
  readonly lifecycle_action_trigger?: {
    readonly triggering_resource_address?: string;
    readonly action_trigger_event?: string;
  };
  /** Present when the action was invoked directly (`terraform apply -invoke`), not by a resource's lifecycle. */
  readonly invoke_action_trigger?: JsonValue;
}

export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
  /** What changed outside Terraform since the last apply, found by the refresh. */
  readonly resource_drift?: readonly ResourceChange[];
  /** The resource attributes this plan's changes depend on: the drift worth showing touches one. */
  readonly relevant_attributes?: readonly {
    readonly resource: string;
    readonly attribute: readonly (string | number)[];
  }[];
  readonly output_changes?: { readonly [name: string]: OutputChange };
  readonly configuration?: { readonly root_module?: ConfigModule };
  readonly variables?: { readonly [name: string]: { readonly value?: JsonValue } };
  /** Provider actions the apply runs (Terraform 1.14). */
  readonly action_invocations?: readonly ActionInvocation[];
  /** The plan stopped at an error: what it holds is not everything the configuration asks for. */
  readonly errored?: boolean;
  readonly applyable?: boolean;
  /** False when Terraform deferred changes to a later plan (unknown for_each, deferred actions). */
  readonly complete?: boolean;
}
