// Every CDKTF token records the full stack of its creation (Error.stackTraceLimit set to the
// maximum), for the message shown when the token fails to resolve. Under jest every stack is
// formatted through source maps: in a profile of the stack tests that was 70% of their time.
// Tests assert what Terraform gets and what a user reads, never a token's creation stack, so
// jest records none (the app is unchanged). Runs in each test file before its modules load.
import * as stackTrace from "cdktf/lib/tokens/private/stack-trace";

Object.assign(stackTrace, { captureStackTrace: (): string[] => [] });
