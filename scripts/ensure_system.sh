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
#
# Prints nothing and exits 0 when everything is already installed.  As root it
# installs what is missing (waiting up to 10 minutes for a busy apt/dpkg lock);
# otherwise it prints the sudo command to run and exits 1.
set -euo pipefail

readonly PROG="ensure_system"
readonly LOCK_WAIT_SECONDS=600

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
        *)
            echo "$PROG: unknown need '$1' (valid: pdf browser postgres poppler printer wrk)" >&2
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

main() {
    if (($# == 0)); then
        echo "usage: $0 NEED [NEED ...]   (needs: pdf browser postgres poppler printer wrk)" >&2
        exit 2
    fi

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

    ((${#missing[@]} == 0)) && exit 0

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

main "$@"
