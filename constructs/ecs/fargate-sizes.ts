// The CPU and memory combinations Fargate runs, from one table.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size

/** The memory (MiB) a Fargate task may have for one CPU size: an explicit list or a stepped range. */
type MemoryOptions =
  { readonly values: readonly number[] } | { readonly from: number; readonly to: number; readonly step: number };

/** Fargate CPU units (1024 = 1 vCPU) and the memory each allows. */
export const FARGATE_SIZES: ReadonlyMap<number, MemoryOptions> = new Map<number, MemoryOptions>([
  [256, { values: [512, 1024, 2048] }],
  [512, { from: 1024, to: 4096, step: 1024 }],
  [1024, { from: 2048, to: 8192, step: 1024 }],
  [2048, { from: 4096, to: 16384, step: 1024 }],
  [4096, { from: 8192, to: 30720, step: 1024 }],
  [8192, { from: 16384, to: 61440, step: 4096 }],
  [16384, { from: 32768, to: 122880, step: 8192 }],
]);

/** The rule a memory size breaks for a CPU size, or undefined when the pair is valid (or the CPU is not). */
export function fargateMemoryRule(cpu: number, memoryMiB: number): string | undefined {
  const options = FARGATE_SIZES.get(cpu);
  if (!options) return undefined;
  if ("values" in options) {
    return options.values.includes(memoryMiB)
      ? undefined
      : `must be one of ${options.values.join(", ")} when \`cpu\` is ${cpu}`;
  }
  const { from, to, step } = options;
  return Number.isInteger(memoryMiB) && memoryMiB >= from && memoryMiB <= to && (memoryMiB - from) % step === 0
    ? undefined
    : `must be from ${from} to ${to} in steps of ${step} when \`cpu\` is ${cpu}`;
}

/** The rule a CPU size breaks, or undefined when Fargate offers it. */
export function fargateCpuRule(cpu: number): string | undefined {
  return FARGATE_SIZES.has(cpu) ? undefined : `must be one of ${[...FARGATE_SIZES.keys()].join(", ")}`;
}
