# permgen's own recipes. `just --list` shows them.

# Fail when generated/ or permgen.lock.json differ from what the schema gives (what CI runs).
permission-codegen-check:
    npx permgen check

# Regenerate generated/ and permgen.lock.json from schema/permissions.ts.
generate:
    npx permgen generate

# Compile src/ to dist/ and write permgen.config.schema.json.
build:
    npm run build

# The whole test suite (builds first).
test:
    npm test

# Type-check sources and tests without emitting.
typecheck:
    npm run typecheck

# Benchmarks: start-up ratio and generate at 1k/10k/100k pairs, printed as a table.
bench:
    npm run bench

# Rewrite the golden files under test/golden/*/ from their schemas (review the diff!).
golden-update:
    npm run golden:update
