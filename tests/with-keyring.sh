#!/usr/bin/env bash
# Runs a command with a private, unlocked gnome-keyring (the Secret Service keytar talks to).
# usage: dbus-run-session -- bash tests/with-keyring.sh <command...>
# The keyring lives in a throwaway XDG_DATA_HOME, so tests never touch the user's real keychain.
set -euo pipefail
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME="$(mktemp -d)"
eval "$(printf '%s' 'lsc-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export LSC_TEST_KEYCHAIN=1
exec "$@"
