// Writes dist/build-id.txt: a sha256 over the compiled code and the templates, so the verdict
// cache (src/output/cache.ts) is invalidated by any change to permgen itself, not only by a
// version bump.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const h = createHash("sha256");
for (const top of ["dist", "templates"]) {
  const dir = path.join(root, top);
  if (!fs.existsSync(dir)) continue;
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && f !== "build-id.txt")
    .sort();
  for (const f of files) {
    h.update(`${top}/${f.split(path.sep).join("/")}\0`);
    h.update(fs.readFileSync(path.join(dir, f)));
  }
}
fs.writeFileSync(path.join(root, "dist", "build-id.txt"), h.digest("hex") + "\n");
