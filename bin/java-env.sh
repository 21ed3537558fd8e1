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
tasker_maven_env() {
  local major
  major=$(tasker_java_major "$JAVA_HOME" 2>/dev/null || echo 0)
  if [ "${major:-0}" -ge 23 ] 2>/dev/null; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
