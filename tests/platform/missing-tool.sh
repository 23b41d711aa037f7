#!/bin/sh
# Stands in for a validator that is not installed: the test is reported as
# skipped (exit 77), not silently absent from the suite.
echo "$1 is not installed; tools/install-deps installs it"
exit 77
