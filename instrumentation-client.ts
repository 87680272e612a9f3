// Runs in the browser before the app hydrates, so before any form's schema is built.
import { z } from "zod";

// Zod compiles a faster parser with `new Function` when it may. The script policy (proxy.ts) forbids eval,
// so the probe would only be refused and reported as a policy violation on every page with a form.
z.config({ jitless: true });
