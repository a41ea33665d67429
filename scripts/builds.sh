# Sourced by the *-compare.sh scripts: builds two revisions for side-by-side runs.
#   builds BEFORE_REV [AFTER_REV]   -> sets before_dist and after_dist (dirs with dgating.jar and lib/)
# BEFORE_REV is built into a temporary git worktree; AFTER_REV too when given, else the working tree
# is built with ./mvnw install. Needs the offline Maven cache (as after a first build). The
# worktrees are removed when the calling script exits.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; \
      git -C "$root" worktree remove --force "$work/after" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

build_rev() { # rev dir -> copies dgating.jar and lib/ into dir/dist
  git -C "$root" worktree add -f --detach "$2" "$1" >/dev/null 2>&1
  (cd "$2" && ./mvnw -o -q -B package -DskipTests >&2)
  mkdir -p "$2/dist" && cp -r "$2/dgating-cli/target/dgating.jar" "$2/dgating-cli/target/lib" "$2/dist/"
}

builds() {
  build_rev "$1" "$work/before"
  before_dist="$work/before/dist"
  if [ -n "${2:-}" ]; then
    build_rev "$2" "$work/after"
    after_dist="$work/after/dist"
  else
    (cd "$root" && ./mvnw -o -q -B install -DskipTests >&2)
    after_dist="$root/dgating-cli/target"
  fi
}

dgating() { # dist args... : the project's JVM settings (SIMD module, DJL offline)
  local dist="$1"; shift
  OPT_OUT_TRACKING=true java --add-modules jdk.incubator.vector -Dai.djl.offline=true -jar "$dist/dgating.jar" "$@" 2>/dev/null
}
