// CDKTF tokens record no creation stack in the tests either (stacks/synthesize.ts says why):
// under jest every stack is formatted through source maps, which was 70% of a stack test's time.
// Tests assert what Terraform gets and what a user reads, never a token's creation stack.
// Runs in each test file before its modules load.
import { recordNoTokenCreationStacks } from "../../stacks/synthesize";

recordNoTokenCreationStacks();
