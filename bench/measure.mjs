// Runs the permgen CLI in this process and reports its peak memory on stderr as the last line,
// so bench/run.mjs can time the whole command (start-up included) and read its maximum RSS.
import { main } from "../dist/cli/main.js";

const code = await main(process.argv.slice(2));
process.stderr.write(`\nPERMGEN_BENCH maxrss_kb=${process.resourceUsage().maxRSS} exit=${code}\n`);
process.exitCode = code;
