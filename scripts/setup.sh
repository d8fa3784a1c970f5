#!/usr/bin/env bash
# Set up Zabta on this machine (idempotent): system packages, a Python 3.12 virtualenv with the pinned
# dependencies, locally served front-end assets, compiled translations.
# Usage: scripts/setup.sh [demo|test]   (test also installs Chromium and PostgreSQL for the test suite)
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${1:-demo}"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_missing() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  echo "${missing[@]:-}"
}

install_system_packages() {
  local wanted=(gettext tesseract-ocr tesseract-ocr-urd tesseract-ocr-snd tesseract-ocr-script-arab ffmpeg fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
  if [ "$PROFILE" = test ]; then wanted+=(chromium postgresql redis-server espeak-ng sox); fi
  local missing; missing=$(apt_missing "${wanted[@]}")
  # Node may come from Debian or from NodeSource (whose nodejs bundles npm): check the command, not the package.
  command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
  missing="${missing# }"
  if [ -n "$missing" ]; then
    log "installing system packages: $missing"
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
}

find_python() {
  local candidates=(python3.12 "$HOME/.pyenv/versions/3.12"*/bin/python3.12 /root/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12)
  for py in "${candidates[@]}"; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null; then
      command -v "$py"; return 0
    fi
  done
  echo "Python 3.12 is required; install it (e.g. pyenv install 3.12) and re-run" >&2; return 1
}

install_python() {
  local stamp=.venv/.zabta-deps
  local want; want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ]; then
    log "creating the virtualenv with $(find_python)"
    "$(find_python)" -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing Python dependencies (pinned in pyproject.toml)"
    .venv/bin/pip install -q --upgrade pip >/dev/null
    .venv/bin/pip install -q -e '.[dev]'
    echo "$want" > "$stamp"
  fi
}

install_system_packages
install_python
log "building front-end assets (served locally, no CDN)"
scripts/build-assets.sh
log "compiling translations"
if [ -d zabta/locale ]; then (cd zabta && ../.venv/bin/zabta compilemessages -v 0); fi
log "setup done ($PROFILE)"
