import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : DeepPartial<T[K]> };

function merge(base: unknown, patch: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base)) return patch;
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch))
    result[key] = value === undefined ? undefined : merge(result[key], value);
  return result;
}

/** An environment's settings with some values changed (arrays are replaced, objects merged). */
export function settingsWith(
  patch: DeepPartial<EnvironmentSettings>,
  base: EnvironmentSettings = dev,
): EnvironmentSettings {
  return merge(base, patch) as EnvironmentSettings;
}
