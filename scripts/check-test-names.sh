#!/usr/bin/env bash
# Fails when a test class in a module's src/test/java has a name neither Surefire nor Failsafe
# picks up: such a class compiles, and its tests silently never run (RendezvousProperties did,
# for months). The build runs it for every module (the root pom's check-test-names execution).
# A test class is a non-abstract top-level class with a JUnit Jupiter or jqwik test annotation.
# Usage: scripts/check-test-names.sh MODULE_DIR
set -euo pipefail

readonly module="${1:?usage: check-test-names.sh MODULE_DIR}"
readonly tests="$module/src/test/java"
readonly test_annotation='^[[:space:]]*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)([[:space:](]|$)'

# Surefire's default includes, then Failsafe's: the patterns the root pom leaves as they are.
runs() {
  case $1 in
    Test* | *Test | *Tests | *TestCase | IT* | *IT | *ITCase) return 0 ;;
    *) return 1 ;;
  esac
}

abstract() {
  grep -Eq "^(public |final |sealed |non-sealed )*abstract (sealed )?class $2\\b" "$1"
}

[[ -d $tests ]] || exit 0
unrun=()
while IFS= read -r -d '' file; do
  name="$(basename "$file" .java)"
  if grep -Eq "$test_annotation" "$file" && ! abstract "$file" "$name" && ! runs "$name"; then
    unrun+=("${file#"$module"/}")
  fi
done < <(find "$tests" -name '*.java' -print0)

if ((${#unrun[@]} > 0)); then
  echo "ERROR: test classes that neither Surefire nor Failsafe runs (in $module):" >&2
  printf '  %s\n' "${unrun[@]}" >&2
  echo "Name each *Test (unit, Surefire) or *IT (integration, Failsafe)." >&2
  exit 1
fi
