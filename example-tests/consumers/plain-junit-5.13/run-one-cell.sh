#!/bin/sh
# Runs one cell of NoteStoreMatrixTest through the JUnit Platform console launcher, the way an IDE or CI
# reruns a single test: selected by its unique id, under a matrix filter. Fails unless exactly that cell ran.
# Arguments: the java executable, the test class path.
set -eu
java="$1"
classpath="$2"
out=target/one-cell.txt
# The cell db=mariadb, notes=3 is #4 of the whole matrix (the first axis varies slowest); a cell keeps its unique id
# whatever the filter, so a rerun under the filter finds it by the id it had in the full run.
cell='[engine:junit-jupiter]/[class:com.example.notes.NoteStoreMatrixTest]/[test-template:storesAndReadsNotes(dev.lattice.junit.Cell, dev.lattice.service.Database)]/[test-template-invocation:#4]'

status=0
"$java" -jar target/console-launcher/junit-platform-console-standalone.jar execute \
    --disable-banner --details=tree --fail-if-no-tests \
    --class-path "$classpath" \
    --config lattice.matrix.filter=db=mariadb \
    --select-unique-id "$cell" > "$out" 2>&1 || status=$?
cat "$out"

fail() {
    echo "run-one-cell: $1 (console launcher output above, exit code $status)" >&2
    exit 1
}
[ "$status" -eq 0 ] || fail "the console launcher failed"
grep -Eq '\[ +1 tests found +\]' "$out" || fail "expected exactly one test found"
grep -Eq '\[ +1 tests successful +\]' "$out" || fail "expected exactly one test successful"
grep -q 'db=mariadb, notes=3' "$out" || fail "expected the cell db=mariadb, notes=3 to run"
echo "run-one-cell: exactly the cell db=mariadb, notes=3 ran"
