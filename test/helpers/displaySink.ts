/**
 * The MIME bundles a piece of code displays (lib/display.ts), captured
 * through the display sink; the sink is unset afterwards, also when `fn` throws.
 */
import { setDisplaySink, type MimeBundle } from "../../lib/display";

export function captureDisplays(fn: () => void): MimeBundle[] {
  const got: MimeBundle[] = [];
  setDisplaySink((b) => got.push(b));
  try {
    fn();
  } finally {
    setDisplaySink(undefined);
  }
  return got;
}
