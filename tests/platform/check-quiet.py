#!/usr/bin/env python3
"""Run a validator and fail on what it says, not only on how it exits.

    check-quiet.py --forbid REGEX [--workdir DIR] -- COMMAND [ARG...]

desktop-file-validate, flatpak-builder and friends print many of their
findings (hints, unknown properties) as warnings and still exit 0. The
platform tests treat those as failures: the command must exit 0 and
nothing it prints on stdout or stderr may match REGEX (case-insensitive).
Its output is echoed so that the test log shows what the tool said.
"""

import argparse
import re
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--forbid", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    result = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    sys.stdout.write(result.stderr)

    if result.returncode != 0:
        print(f"FAIL: {command[0]} exited with {result.returncode}")
        return 1
    forbidden = re.compile(args.forbid, re.IGNORECASE)
    for line in (result.stdout + result.stderr).splitlines():
        if forbidden.search(line):
            print(f"FAIL: {command[0]} said: {line}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
