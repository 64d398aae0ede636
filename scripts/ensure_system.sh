#!/usr/bin/env bash
# Install the Debian packages seedreg needs, idempotently.
#
# Usage: scripts/ensure_system.sh NEED [NEED ...]
#   pdf       fonts-noto-cjk fonts-hanazono fonts-babelstone-han libharfbuzz-subset0
#             (WeasyPrint PDFs with Chinese text; the two fallback fonts draw CJK Ext. B–H)
#   browser   chromium                             (browser tests)
#   postgres  postgresql                           (scripts/with_postgres.py)
#   poppler   poppler-utils                        (PDF inspection in tests)
#   printer   poppler-utils ghostscript libzbar0   (labels rendered 1-bit as a label printer
#             would, by poppler and Ghostscript, and their QR codes read by zbar too)
#   wrk       wrk                                  (HTTP load in the label benchmark)
#   axe       nodejs npm when `npm` is missing, then the pinned axe-core npm package into
#             build/npm/ (accessibility checks in the browser tests, served from this machine)
#
# Prints nothing and exits 0 when everything is already installed.  As root it
# installs what is missing (waiting up to 10 minutes for a busy apt/dpkg lock);
# otherwise it prints the sudo command to run and exits 1.
set -euo pipefail

readonly PROG="ensure_system"
readonly LOCK_WAIT_SECONDS=600
readonly ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# npm packages, pinned; installed under build/npm/ (never globally), only when missing.
readonly NPM_PREFIX="$ROOT_DIR/build/npm"
readonly NPM_PACKAGES=("axe-core@4.11.0")

die() {
    echo "$PROG: ERROR: $*" >&2
    exit 1
}

packages_for() {
    case "$1" in
        pdf) echo "fonts-noto-cjk fonts-hanazono fonts-babelstone-han libharfbuzz-subset0" ;;
        browser) echo "chromium" ;;
        postgres) echo "postgresql" ;;
        poppler) echo "poppler-utils" ;;
        printer) echo "poppler-utils ghostscript libzbar0" ;;
        wrk) echo "wrk" ;;
        axe) command -v npm >/dev/null || echo "nodejs npm" ;;
        *)
            echo "$PROG: unknown need '$1' (valid: pdf browser postgres poppler printer wrk axe)" >&2
            exit 2
            ;;
    esac
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Run an apt-get command; while it fails only because another apt/dpkg process
# holds a lock, retry until LOCK_WAIT_SECONDS have passed.  DPkg::Lock::Timeout
# covers the dpkg frontend lock, but `apt-get update` ignores it for the lists
# lock, hence the retry loop.  Output is shown only on failure.
apt_get() {
    local deadline=$((SECONDS + LOCK_WAIT_SECONDS)) output status said_waiting=""
    while true; do
        status=0
        output=$(DEBIAN_FRONTEND=noninteractive \
            apt-get -o "DPkg::Lock::Timeout=$LOCK_WAIT_SECONDS" "$@" 2>&1) || status=$?
        if ((status == 0)); then
            return 0
        fi
        if grep -qE 'Could not get lock|Unable to lock|Unable to acquire the dpkg' <<<"$output" &&
            ((SECONDS < deadline)); then
            if [[ -z $said_waiting ]]; then
                echo "$PROG: apt/dpkg is busy; waiting up to ${LOCK_WAIT_SECONDS}s for its lock ..." >&2
                said_waiting=1
            fi
            sleep 5
            continue
        fi
        echo "$output" >&2
        die "'apt-get $*' failed with exit code $status"
    done
}

verify_pdf() {
    python3 -c "import ctypes.util,sys; sys.exit(0 if ctypes.util.find_library('harfbuzz-subset') else 1)" ||
        die "libharfbuzz-subset0 is installed but the harfbuzz-subset library cannot be found (ldconfig -p)"
    command -v fc-list >/dev/null ||
        die "fc-list not found; cannot verify the Noto Sans CJK fonts (install fontconfig)"
    local fonts
    fonts=$(fc-list :lang=zh 2>/dev/null || true)
    grep -qi 'Noto Sans CJK' <<<"$fonts" ||
        die "fonts-noto-cjk is installed but fontconfig lists no 'Noto Sans CJK' font for :lang=zh"
}

# The version of an npm package installed under NPM_PREFIX, or nothing.
npm_installed_version() {
    local manifest="$NPM_PREFIX/node_modules/$1/package.json"
    [[ -f $manifest ]] || return 0
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

# Install the pinned npm packages that are missing (or at another version) into NPM_PREFIX.
ensure_npm() {
    local spec name version missing=()
    for spec in "${NPM_PACKAGES[@]}"; do
        name=${spec%@*}
        version=${spec##*@}
        [[ $(npm_installed_version "$name") == "$version" ]] || missing+=("$spec")
    done
    ((${#missing[@]} == 0)) && return 0
    command -v npm >/dev/null || die "npm not found; install nodejs and npm"
    mkdir -p "$NPM_PREFIX"
    local output status=0
    output=$(npm install --prefix "$NPM_PREFIX" --no-save --no-audit --no-fund \
        --ignore-scripts "${missing[@]}" 2>&1) || status=$?
    if ((status != 0)); then
        echo "$output" >&2
        die "'npm install ${missing[*]}' failed with exit code $status"
    fi
    echo "$PROG: installed ${missing[*]} into $NPM_PREFIX"
}

# Install the Debian packages the needs lack (as root; otherwise print the command, exit 1).
ensure_debian() {
    local need pkg pkgs missing=() missing_needs=()
    for need in "$@"; do
        pkgs=$(packages_for "$need")
        for pkg in $pkgs; do
            if ! is_installed "$pkg" && [[ " ${missing[*]} " != *" $pkg "* ]]; then
                missing+=("$pkg")
                [[ " ${missing_needs[*]} " == *" $need "* ]] || missing_needs+=("$need")
            fi
        done
    done

    ((${#missing[@]} == 0)) && return 0

    if ((EUID != 0)); then
        echo "$PROG: missing Debian packages for '${missing_needs[*]}': ${missing[*]}" >&2
        echo "Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
    command -v apt-get >/dev/null || die "apt-get not found; install manually: ${missing[*]}"

    apt_get update -qq
    apt_get install -y -qq --no-install-recommends "${missing[@]}"

    if [[ " ${missing_needs[*]} " == *" pdf "* ]]; then
        verify_pdf
    fi
    echo "$PROG: installed ${missing[*]} (for: ${missing_needs[*]})"
}

main() {
    if (($# == 0)); then
        echo "usage: $0 NEED [NEED ...]   (needs: pdf browser postgres poppler printer wrk axe)" >&2
        exit 2
    fi
    ensure_debian "$@"
    if [[ " $* " == *" axe "* ]]; then
        ensure_npm
    fi
}

main "$@"
