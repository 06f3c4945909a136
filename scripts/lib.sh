# Shared by the scripts: paths, logging, and running as root or through sudo.
TOLLGATE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TOLLGATE_ROOT
# emcc runs its JS optimizer with the machine's Node, which needs Debian's acorn.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (no sudo found)"
  fi
}

git_commit() { git -C "$TOLLGATE_ROOT" rev-parse --short HEAD 2>/dev/null || true; }
