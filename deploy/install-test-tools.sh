#!/usr/bin/env bash
# What the test suite needs on a machine beyond a JDK: Debian's Chromium and ChromeDriver for the ops console's
# browser test (deploy/src/test/.../ConsoleBrowserTest). Idempotent: does nothing when both are installed.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing chromium and chromium-driver (Debian packages) for the console's browser test ..."
if ! run apt-get install -y -q --no-install-recommends chromium chromium-driver; then
  run apt-get update -q
  run apt-get install -y -q --no-install-recommends chromium chromium-driver
fi
