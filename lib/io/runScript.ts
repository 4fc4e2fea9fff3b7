/**
 * How a command-line script reports failure. An expected failure (bad or
 * missing input: a {@link DataError}, a file-system error such as ENOENT or
 * EISDIR, a download error) is printed as one line, `error: <message>`,
 * without a stack trace, and the process exits with code 1. Anything else is
 * a bug: it is printed with its stack (exit code 2), so that it can be
 * reported and fixed. A reader that closes the pipe early (`| head -1`) ends
 * the script quietly (EPIPE on stdout: exit 0, no stack).
 */
import { DataError } from "./dataError";

const FS_CODES = new Set([
  "ENOENT",
  "EISDIR",
  "ENOTDIR",
  "EACCES",
  "EPERM",
  "ENOSPC",
  "EROFS",
  "EEXIST",
  "EMFILE",
  "EBUSY",
  "EXDEV",
]);
const EXPECTED_NAMES = new Set(["DataError", "DownloadError", "ArgError"]);

/** True for the failures a user can cause and fix (see the module comment). */
export function isExpectedError(e: unknown): e is Error {
  if (e instanceof DataError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as NodeJS.ErrnoException).code;
  return EXPECTED_NAMES.has(e.name) || (typeof code === "string" && FS_CODES.has(code));
}

/** The one line printed for an expected failure: the message with its line breaks folded. */
export function errorLine(e: Error): string {
  return `error: ${e.message.replace(/\s*\n\s*/g, " ").trim()}`;
}

/**
 * Run a script's main function; on failure print {@link errorLine} (expected)
 * or the stack (unexpected) to stderr and set the exit code (1 or 2).
 */
export async function runScript(main: () => unknown): Promise<void> {
  quietOnClosedPipe();
  try {
    await main();
  } catch (e) {
    if (isExpectedError(e)) {
      process.stderr.write(errorLine(e) + "\n");
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `unexpected error (a bug; please report it with this trace):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 2;
    }
  }
}

/**
 * When stdout is a pipe closed by its reader (`npm run data:verify | head -1`),
 * writing raises EPIPE: end quietly (exit 0), as a Unix filter does, instead
 * of an unhandled 'error' event with its stack. Idempotent.
 */
let quietPipe = false;
export function quietOnClosedPipe(): void {
  if (quietPipe) return;
  quietPipe = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}
