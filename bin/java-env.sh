# Sourced by Tasker's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Uses $JAVA_HOME when it is new enough, else the newest JDK under /usr/lib/jvm (or /Library/Java/JavaVirtualMachines).

tasker_java_major() {
  local home="$1" version=""
  [ -x "$home/bin/java" ] || return 1
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

tasker_find_java() {
  local major best="" best_major=0 candidate
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(tasker_java_major "$JAVA_HOME" 2>/dev/null || echo 0)
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(tasker_java_major "$candidate" 2>/dev/null || echo 0)
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "tasker: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm). Install one or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

# Maven's bundled Guava warns about sun.misc.Unsafe on JDK 23+; tell the JVM that this use is allowed.
# Maven (3.8 and 3.9) installs jansi's console even in batch mode with -Dstyle.color=never, and jansi writes a
# reset code (ESC[0m) to the console each time Maven installs or uninstalls it: stray codes in every log written to a
# file or a pipe. jansi reads jansi.noreset when the JVM starts, so it must be in MAVEN_OPTS (a -D on the mvn command
# line is set too late).
tasker_maven_env() {
  local major
  case " ${MAVEN_OPTS:-} " in
    *jansi.noreset*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" ;;
  esac
  major=$(tasker_java_major "$JAVA_HOME" 2>/dev/null || echo 0)
  if [ "${major:-0}" -ge 23 ] 2>/dev/null; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}

# Builds with Maven, showing progress instead of Maven's output: one line per module with the time so far, the whole
# log in .tasker/build.log (its end is shown when the build fails). Usage: tasker_build ROOT LABEL MAVEN_ARGS...
tasker_build() {
  local root="$1" label="$2" log="$1/.tasker/build.log" last="$1/.tasker/build.seconds" start=$SECONDS status
  shift 2
  mkdir -p "$root/.tasker"
  echo "Building $label (first run or sources changed); the full log goes to ${log#"$PWD"/}" >&2
  if [ -s "$last" ]; then
    echo "  The last build took $(cat "$last") s." >&2
  else
    echo "  A first build takes 1 to 3 minutes: Maven downloads its plugins and the dependencies, then compiles." >&2
  fi
  set +e
  (cd "$root" && mvn -B -ntp -Dstyle.color=never "$@") 2>&1 | tee "$log" | tasker_build_progress "$start" >&2
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "The build failed; the end of $log:" >&2
    grep -v '^\[INFO\] Download' "$log" | tail -n 40 >&2
    return "$status"
  fi
  echo $((SECONDS - start)) >"$last"
  echo "  Built in $((SECONDS - start)) s." >&2
}

# Reads Maven's output and prints "  [2/5] Tasker core (12 s)" as each module starts.
tasker_build_progress() {
  local start="$1" line pattern='^\[INFO\] Building (.+) [^ ]+ +\[([0-9]+/[0-9]+)\]$'
  while IFS= read -r line; do
    if [[ $line =~ $pattern ]]; then
      printf '  [%s] %s (%d s)\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}" $((SECONDS - start))
    fi
  done
}
